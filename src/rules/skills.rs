//! Warnings about skills against `skills.yaml`: a guide's skill that no
//! entry names (W0507), with the closest entry as a suggestion. Guides and
//! the file's entries in; diagnostics out. Without the file, nothing.

use crate::diag::{codes, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::model::SkillEntry;
use crate::guide::yaml::{path_string, Seg};
use crate::util::text::skill_key;
use std::collections::HashMap;

/// Checks guides' skills against the entries of `skills.yaml` (W0507).
pub(crate) struct UnknownSkills<'c> {
    /// Every spelling's key → the entry's name.
    known: HashMap<String, &'c str>,
    /// The keys, sorted, for suggestions.
    keys: Vec<String>,
}

impl<'c> UnknownSkills<'c> {
    /// The checker for `catalog`; `None` without one (nothing to check).
    pub(crate) fn new(catalog: &'c [SkillEntry]) -> Option<UnknownSkills<'c>> {
        if catalog.is_empty() {
            return None;
        }
        let mut known: HashMap<String, &str> = HashMap::new();
        for e in catalog {
            for s in std::iter::once(&e.name).chain(&e.aliases) {
                known.entry(skill_key(s)).or_insert(e.name.trim());
            }
        }
        let mut keys: Vec<String> = known.keys().cloned().collect();
        keys.sort();
        Some(UnknownSkills { known, keys })
    }

    /// Adds a warning for every skill of `g` that matches no entry.
    pub(crate) fn check(&self, g: &Guide, out: &mut Vec<Diagnostic>) {
        // Common gaps are not checked: guides write them as sentences
        // ("Escalating too late, ..."), which no catalogue lists. A gap that
        // does name a skill still meets it on the skill's page.
        let lists: [(&[String], &[Seg<'_>]); 1] = [(&g.front.skills, &[Seg::Key("skills")])];
        for (list, at) in lists {
            for (i, skill) in list.iter().enumerate() {
                let key = skill_key(skill);
                if key.is_empty() || self.known.contains_key(&key) {
                    continue;
                }
                let mut path = at.to_vec();
                path.push(Seg::Index(i));
                let (line, column) = g.position(&path);
                let close =
                    crate::util::suggest::closest(&key, self.keys.iter().map(|k| k.as_str()))
                        .map(|k| self.known[k]);
                let d = Diagnostic::new(
                    &g.source.path,
                    line,
                    column,
                    path_string(&path),
                    codes::W0507,
                    format!("skill `{}` matches no entry of skills.yaml", skill.trim()),
                );
                out.push(match close {
                Some(name) => d
                    .with_help(format!(
                        "did you mean `{name}`? Or add `{}` to skills.yaml, as a skill or under the `aliases` of one",
                        skill.trim()
                    ))
                    .with_suggestion(name),
                None => d.with_help(format!(
                    "add `{}` to skills.yaml, as a skill or under the `aliases` of one",
                    skill.trim()
                )),
            });
            }
        }
    }
}

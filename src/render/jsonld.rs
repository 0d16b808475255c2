//! schema.org `Occupation` JSON-LD for guide pages: a guide and the
//! resolved site in (the skill index for the skills' pages and URIs), a
//! JSON value out.
//!
//! Built as a `serde_json::Value` and escaped so that no `<`, `>` or `&`
//! appears in the output: the script element cannot be closed from inside.

use crate::guide::model::Period;
use crate::render::markdown;
use crate::site::Site;
use crate::util::layout::Route;
use serde_json::{json, Map, Value};

fn duration(p: Period) -> &'static str {
    match p {
        Period::Year => "P1Y",
        Period::Month => "P1M",
        Period::Hour => "PT1H",
    }
}

/// The `Occupation` object of guide `i`.
pub(crate) fn occupation(site: &Site, i: usize) -> Value {
    let g = &site.guides[i];
    let f = &g.front;
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Occupation"));
    o.insert("name".into(), json!(f.title));
    o.insert("description".into(), json!(markdown::plain(&f.summary)));
    o.insert(
        "url".into(),
        json!(site.base.absolute(&Route::Guide(&g.slug))),
    );
    if !f.alt_titles.is_empty() {
        o.insert("alternateName".into(), json!(f.alt_titles));
    }
    let plain = |v: &[String]| -> Vec<String> { v.iter().map(|s| markdown::plain(s)).collect() };
    o.insert("skills".into(), Value::Array(skills(site, i)));
    o.insert("responsibilities".into(), json!(plain(&f.responsibilities)));
    let mut cats = Vec::new();
    if let Some(fam) = &f.family {
        cats.push(json!(fam));
    }
    // Each code in its classification: `CategoryCode` is one of the two
    // types `occupationalCategory` takes (the other is text, the family).
    let codes = f.codes.as_ref();
    for (code, set) in [
        (codes.and_then(|c| c.onet_soc.as_ref()), "O*NET-SOC"),
        (codes.and_then(|c| c.isco.as_ref()), "ISCO-08"),
    ] {
        if let Some(code) = code {
            cats.push(json!({
                "@type": "CategoryCode",
                "codeValue": code,
                "inCodeSet": {"@type": "CategoryCodeSet", "name": set}
            }));
        }
    }
    match cats.len() {
        0 => {}
        1 => {
            o.insert("occupationalCategory".into(), cats.remove(0));
        }
        _ => {
            o.insert("occupationalCategory".into(), Value::Array(cats));
        }
    }
    if let Some(req) = &f.requirements {
        if let Some(e) = &req.education {
            o.insert("educationRequirements".into(), json!(markdown::plain(e)));
        }
        if let Some(e) = &req.experience {
            o.insert("experienceRequirements".into(), json!(markdown::plain(e)));
        }
    }
    if let Some(s) = &f.salary {
        let mut regions: Vec<&str> = Vec::new();
        let amounts: Vec<Value> = s
            .ranges
            .iter()
            .map(|r| {
                if let Some(reg) = r.region.as_deref() {
                    if !regions.contains(&reg) {
                        regions.push(reg);
                    }
                }
                let mut a = json!({
                    "@type": "MonetaryAmountDistribution",
                    "name": r.level,
                    "currency": s.currency,
                    "duration": duration(s.period),
                    "minValue": r.min,
                    "maxValue": r.max,
                });
                if let Some(m) = r.median {
                    a["median"] = json!(m);
                }
                a
            })
            .collect();
        o.insert("estimatedSalary".into(), Value::Array(amounts));
        if !regions.is_empty() {
            let places: Vec<Value> = regions.iter().map(|r| location(r)).collect();
            o.insert("occupationLocation".into(), Value::Array(places));
        }
    }
    if let Some(d) = f.updated {
        o.insert("dateModified".into(), json!(d.to_string()));
    }
    Value::Object(o)
}

/// The guide's skills as schema.org `DefinedTerm`s, in its order: the
/// name as written (plain text); the skill's page when it has one; the
/// skills index as the set of terms; and the ESCO or O*NET URI that
/// `skills.yaml` gives for it as `sameAs`. Blank items are left out.
fn skills(site: &Site, i: usize) -> Vec<Value> {
    let set = site.base.absolute(&Route::Skills);
    let listed = site.skills.listed(i);
    site.guides[i]
        .front
        .skills
        .iter()
        .enumerate()
        .filter_map(|(n, text)| {
            let name = markdown::plain(text);
            if name.trim().is_empty() {
                return None;
            }
            let mut t = Map::new();
            t.insert("@type".into(), json!("DefinedTerm"));
            t.insert("name".into(), json!(name.trim()));
            let skill = listed
                .get(n)
                .copied()
                .flatten()
                .map(|s| &site.skills.skills[s]);
            if let Some(slug) = skill.and_then(|s| s.slug.as_deref()) {
                t.insert("url".into(), json!(site.base.absolute(&Route::Skill(slug))));
            }
            t.insert("inDefinedTermSet".into(), json!(set));
            let entry = skill
                .and_then(|s| s.entry)
                .and_then(|e| site.config.skills.get(e));
            if let Some(uri) = entry.and_then(|e| e.uri.as_deref()) {
                t.insert("sameAs".into(), json!(uri.trim()));
            }
            Some(Value::Object(t))
        })
        .collect()
}

/// A region as written in a guide: a two-letter code is a `Country`,
/// anything else a `Place`.
fn location(region: &str) -> Value {
    let r = region.trim();
    if r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()) {
        json!({"@type": "Country", "name": r})
    } else {
        json!({"@type": "Place", "name": r})
    }
}

/// Serialises `v` for a `<script type="application/ld+json">` element.
pub(crate) fn script_json(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    // Copy the runs between the three bytes in one go, not char by char.
    let mut out = String::with_capacity(text.len() + 32);
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&text[done..i]);
        out.push_str(escaped);
        done = i + 1;
    }
    out.push_str(&text[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = json!({"name": "</script><b>&"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        assert_eq!(
            script_json(&json!({"a": "x<y>z&é<"})),
            r#"{"a":"x\u003cy\u003ez\u0026é\u003c"}"#
        );
    }
}

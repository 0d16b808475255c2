//! URL slugs for guides, families, tags, employers and sectors.

/// Folds a name to a readable URL slug: ASCII-folded (`Zürich` → `zurich`),
/// lower-case, runs of anything but `[a-z0-9]` as one `-`, no leading or
/// trailing `-`. May return an empty string (a name with no letters or digits).
pub fn slugify(name: &str) -> String {
    let folded = deunicode::deunicode(name);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Whether `s` is a valid guide slug: `[a-z0-9-]+`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Gives each name a unique slug, deterministically: names are taken in
/// sorted order, and a name whose slug is already taken (or empty) gets
/// `-2`, `-3`, ... appended.
pub fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, String)> {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    let mut taken = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let base = match slugify(name) {
            s if s.is_empty() => "item".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        out.push((name, slug));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_non_ascii_and_punctuation() {
        assert_eq!(slugify("Zürich Café"), "zurich-cafe");
        assert_eq!(
            slugify("Engineering Manager (Platform/Infrastructure)"),
            "engineering-manager-platform-infrastructure"
        );
        assert_eq!(slugify("  --C++ & Go--  "), "c-go");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn collisions_get_numbered_in_sorted_order() {
        let got = unique_slugs(["C++", "C", "c", "C"]);
        assert_eq!(
            got,
            vec![
                ("C", "c".to_string()),
                ("C++", "c-2".to_string()),
                ("c", "c-3".to_string())
            ]
        );
    }

    #[test]
    fn validity() {
        assert!(is_valid_slug("a-b-1"));
        assert!(!is_valid_slug("A"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("a/b"));
    }
}

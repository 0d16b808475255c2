//! schema.org `Occupation` JSON-LD for guide pages.
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
    o.insert("skills".into(), json!(plain(&f.skills)));
    o.insert("responsibilities".into(), json!(plain(&f.responsibilities)));
    let mut cats = Vec::new();
    if let Some(fam) = &f.family {
        cats.push(json!(fam));
    }
    if let Some(code) = f.codes.as_ref().and_then(|c| c.onet_soc.as_ref()) {
        cats.push(json!({
            "@type": "CategoryCode",
            "codeValue": code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "O*NET-SOC"}
        }));
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

//! `careerbook lsp` driven over its standard input and output as an editor
//! drives it: diagnostics as documents are opened and changed (the rules
//! about one guide and those spanning guides), completion, hover, go to
//! definition, quick fixes, and the session's start and end, with
//! malformed messages answered by errors.

use crate::common::lsp::{uri, Lsp};
use crate::common::{fixture, read};
use serde_json::{json, Value};
use std::path::Path;

/// A position as the protocol writes it.
fn pos(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// A range on one line.
fn range(line: u64, start: u64, end: u64) -> Value {
    json!({"start": pos(line, start), "end": pos(line, end)})
}

/// The codes of some diagnostics.
fn codes(diags: &[Value]) -> Vec<&str> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

/// The text of a fixture guide with `from` replaced by `to` (once).
fn edited(path: &Path, from: &str, to: &str) -> String {
    let text = read(path);
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    text.replacen(from, to, 1)
}

fn labels(answer: &Value) -> Vec<String> {
    answer["result"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of items: {answer}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap_or("").to_string())
        .collect()
}

fn complete(lsp: &mut Lsp, path: &Path, line: u64, character: u64) -> Value {
    lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(path)}, "position": pos(line, character)}),
    )
}

#[test]
fn diagnostics_appear_as_you_type_and_go_when_fixed() {
    let site = fixture("site");
    let guide = site.path().join("guides/data-analyst.md");
    let (mut lsp, init) = Lsp::initialized(site.path());
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!([" "])
    );
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(init["serverInfo"]["name"], "careerbook");

    // Line 21 (0-based 20) is `salary:`.
    let broken = edited(&guide, "salary:", "salery:");
    lsp.open(&guide, &broken);
    let diags = lsp.diagnostics(&guide);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], "E0101");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "careerbook");
    assert_eq!(d["range"], range(20, 0, 6));
    assert_eq!(
        d["message"],
        "unknown field `salery` in the guide\nhelp: did you mean `salary`?"
    );

    // What `check` says about the saved file is what the editor was told.
    std::fs::write(&guide, &broken).unwrap();
    let out = crate::common::careerbook(&[
        "check",
        "--format",
        "json",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    let same = checked
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == "guides/data-analyst.md")
        .unwrap();
    assert_eq!(
        (
            same["code"].as_str(),
            same["line"].as_u64(),
            same["column"].as_u64()
        ),
        (Some("E0101"), Some(21), Some(1))
    );
    assert_eq!(
        format!(
            "{}\nhelp: {}",
            same["message"].as_str().unwrap(),
            same["help"].as_str().unwrap()
        ),
        d["message"].as_str().unwrap()
    );

    // Fixed in the editor (not yet saved): the diagnostics go.
    let fixed = broken.replacen("salery:", "salary:", 1);
    lsp.change(&guide, 2, &fixed);
    assert_eq!(lsp.diagnostics(&guide), Vec::<Value>::new());

    // A wrong value: the range covers the value only.
    lsp.change(
        &guide,
        3,
        &fixed.replacen("period: year", "period: yearly", 1),
    );
    let diags = lsp.diagnostics(&guide);
    assert_eq!(codes(&diags), ["E0104"]);
    assert_eq!(diags[0]["range"], range(22, 10, 16));
    assert_eq!(
        diags[0]["message"],
        "`yearly` is not an allowed value for `salary.period`\nhelp: did you mean `year`? allowed values: year, month, hour"
    );

    // site.yaml is checked too.
    let config = site.path().join("site.yaml");
    lsp.open(&config, &format!("{}langauge: en\n", read(&config)));
    let diags = lsp.diagnostics(&config);
    assert_eq!(codes(&diags), ["E0101"]);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown field `langauge` in site.yaml"),
        "{diags:#?}"
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn rules_spanning_guides_follow_edits_in_other_files() {
    let site = fixture("site");
    let analyst = site.path().join("guides/data-analyst.md");
    let (mut lsp, _) = Lsp::initialized(site.path());

    // Line 19 (0-based 18) is `      guide: data-scientist`.
    let linking = edited(&analyst, "guide: data-scientist", "guide: data-engineer");
    lsp.open(&analyst, &linking);
    let diags = lsp.diagnostics(&analyst);
    assert_eq!(codes(&diags), ["E0305"]);
    assert_eq!(diags[0]["range"], range(18, 13, 26));
    assert_eq!(diags[0]["message"], "no guide has the slug `data-engineer`");

    // A new guide, typed into an unsaved buffer, takes that slug.
    let engineer = site.path().join("guides/data-engineer.md");
    let text = "---\ntitle: Data Engineer\nsummary: Builds pipelines.\nupdated: 2026-06-01\nresponsibilities: [Build pipelines.]\nskills: [SQL]\n---\n";
    lsp.open(&engineer, text);
    assert_eq!(lsp.diagnostics(&analyst), Vec::<Value>::new());
    assert_eq!(lsp.diagnostics(&engineer), Vec::<Value>::new());

    // Renamed in the editor: the link breaks again.
    lsp.change(
        &engineer,
        2,
        &text.replace("updated:", "slug: data-engineering\nupdated:"),
    );
    assert_eq!(codes(&lsp.diagnostics(&analyst)), ["E0305"]);

    // A guide taking an existing slug and an existing alias.
    let zeta = site.path().join("guides/zeta.md");
    lsp.open(
        &zeta,
        "---\ntitle: Zeta\nslug: data-scientist\nsummary: s\nupdated: 2026-06-01\naliases: [/analyst/]\nresponsibilities: [r]\nskills: [s]\n---\n",
    );
    let diags: Vec<Value> = lsp
        .diagnostics(&zeta)
        .into_iter()
        .filter(|d| d["severity"] == 1)
        .collect();
    assert_eq!(codes(&diags), ["E0302", "E0303"], "{diags:#?}");
    assert_eq!(diags[0]["range"], range(2, 6, 20));
    assert_eq!(
        diags[0]["message"],
        "slug `data-scientist` is already used by guides/data-scientist.md\nhelp: guides/data-scientist.md uses it too; give one of them another `slug:`"
    );
    assert_eq!(diags[1]["range"], range(5, 10, 19));
    assert!(
        diags[1]["message"].as_str().unwrap().starts_with(
            "alias `/analyst/` is already taken\nhelp: guides/data-analyst.md uses that URL"
        ),
        "{diags:#?}"
    );

    // Closing the unsaved buffers: the files are gone again.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&zeta)}}),
    );
    assert_eq!(
        lsp.diagnostics(&zeta),
        Vec::<Value>::new(),
        "cleared on close"
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&engineer)}}),
    );
    let diags = lsp.diagnostics(&analyst);
    assert_eq!(codes(&diags), ["E0305"]);
    assert!(lsp.shutdown().success());
}

/// `skills.yaml` is a document of the site: its own problems show in it,
/// and what is typed there changes the warnings of the guides.
#[test]
fn skills_yaml_is_checked_as_you_type_and_guides_follow_it() {
    let site = fixture("career");
    let catalog = site.path().join("skills.yaml");
    std::fs::write(&catalog, "skills:\n  - name: Roadmaps\n").expect("write");
    let pm = site.path().join("guides/product-manager.md");
    let (mut lsp, _) = Lsp::initialized(site.path());
    lsp.open(&pm, &read(&pm));
    let unknown = |diags: &[Value]| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["code"] == "W0507")
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let before = unknown(&lsp.diagnostics(&pm));
    assert!(
        before.iter().any(|m| m.contains("Roadmapping")),
        "{before:?}"
    );
    // A misspelt field in skills.yaml is shown there, at its line.
    lsp.open(
        &catalog,
        "skills:\n  - name: Roadmaps\n    alias: [Roadmapping]\n",
    );
    let diags = lsp.diagnostics(&catalog);
    assert_eq!(codes(&diags), ["E0101"], "{diags:#?}");
    assert_eq!(diags[0]["range"]["start"]["line"], 2);
    // Fixed: the guide's warning about that spelling goes.
    lsp.change(
        &catalog,
        2,
        "skills:\n  - name: Roadmaps\n    aliases: [Roadmapping]\n",
    );
    assert_eq!(lsp.diagnostics(&catalog), Vec::<Value>::new());
    let after = unknown(&lsp.diagnostics(&pm));
    assert!(
        !after.iter().any(|m| m.contains("Roadmapping")),
        "{after:?}"
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn completion_offers_fields_values_and_slugs() {
    let site = fixture("site");
    let guide = site.path().join("guides/data-analyst.md");
    let (mut lsp, _) = Lsp::initialized(site.path());
    // An empty line before `salary:` (now line 21, 0-based) and one after
    // the first range's `median` (line 30).
    let text = edited(&guide, "salary:", "\nsalary:").replacen(
        "      median: 70000\n",
        "      median: 70000\n      \n",
        1,
    );
    lsp.open(&guide, &text);

    // A top-level key: the fields the guide does not have yet.
    let answer = complete(&mut lsp, &guide, 20, 0);
    assert_eq!(
        labels(&answer),
        [
            "demand",
            "draft",
            "next_steps",
            "requirements",
            "resources",
            "rubric",
            "skill_gaps",
            "slug",
            "sources"
        ]
    );
    let item = &answer["result"][0];
    assert_eq!(item["documentation"]["value"], "\"Growth Trend\".");
    assert_eq!(
        item["textEdit"],
        json!({"range": range(20, 0, 0), "newText": "demand:"})
    );
    let draft = &answer["result"][1];
    assert_eq!(draft["detail"], "true or false");
    assert_eq!(draft["textEdit"]["newText"], "draft: ");

    // In a salary range: the fields a range may still have.
    let answer = complete(&mut lsp, &guide, 30, 6);
    assert_eq!(
        labels(&answer),
        ["basis", "note", "open_ended", "source", "titles"]
    );
    assert_eq!(answer["result"][0]["detail"], "base | total");
    assert_eq!(
        answer["result"][0]["documentation"]["value"],
        "`base` or `total`."
    );

    // `period: ` takes one of three values; the edit replaces `year`.
    let answer = complete(&mut lsp, &guide, 23, 10);
    assert_eq!(labels(&answer), ["year", "month", "hour"]);
    assert_eq!(
        answer["result"][1]["textEdit"],
        json!({"range": range(23, 10, 14), "newText": "month"})
    );
    assert_eq!(answer["result"][0]["documentation"]["value"], "Per year.");

    // `guide: ` takes the slug of a guide of the site, shown with its title.
    let answer = complete(&mut lsp, &guide, 18, 13);
    let items = answer["result"].as_array().unwrap();
    let slugs: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["label"].as_str().unwrap(), i["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(
        slugs,
        [
            ("barista-trainer", "Barista Trainer"),
            ("data-analyst", "Data Analyst"),
            ("data-scientist", "Data Scientist")
        ]
    );

    // `currency: ` takes an ISO 4217 code.
    let currencies = labels(&complete(&mut lsp, &guide, 22, 12));
    assert!(currencies.len() > 150 && currencies.contains(&"EUR".to_string()));

    // A skill: the skills the site's guides already list, most used first.
    let answer = complete(&mut lsp, &guide, 14, 4);
    let skills = labels(&answer);
    assert!(
        skills.contains(&"Python".to_string()) && skills.contains(&"Storytelling".to_string()),
        "{skills:?}"
    );
    let python = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Python")
        .unwrap();
    assert_eq!(python["detail"], "used in 1 guide");

    // The body is prose: nothing to complete.
    let lines = text.lines().count() as u64;
    assert_eq!(
        complete(&mut lsp, &guide, lines + 1, 0)["result"],
        json!([])
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn hover_definition_and_quick_fixes() {
    let site = fixture("site");
    let guide = site.path().join("guides/data-analyst.md");
    let (mut lsp, _) = Lsp::initialized(site.path());
    let text = edited(&guide, "salary:", "salery:").replacen("currency: USD", "currency: usd", 1);
    lsp.open(&guide, &text);
    let diags = lsp.diagnostics(&guide);
    assert_eq!(codes(&diags), ["E0101"]);

    // A quick fix for the misspelt field.
    let at = |line, character| json!({"start": pos(line, character), "end": pos(line, character)});
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&guide)}, "range": at(20, 3), "context": {"diagnostics": diags}}),
    );
    let expected = json!([{
        "title": "Replace with `salary`",
        "kind": "quickfix",
        "isPreferred": true,
        "diagnostics": [diags[0]],
        "edit": {"changes": {uri(&guide): [{"range": range(20, 0, 6), "newText": "salary"}]}}
    }]);
    assert_eq!(actions["result"], expected);

    // Applied, the currency's mistake shows, with its own fix.
    lsp.change(&guide, 2, &text.replacen("salery:", "salary:", 1));
    let diags = lsp.diagnostics(&guide);
    assert_eq!(codes(&diags), ["E0203"]);
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&guide)}, "range": at(21, 12), "context": {"diagnostics": []}}),
    );
    assert_eq!(actions["result"][0]["title"], "Replace with `USD`");
    assert_eq!(
        actions["result"][0]["edit"]["changes"][uri(&guide)],
        json!([{"range": range(21, 12, 15), "newText": "USD"}])
    );
    // Nothing to fix elsewhere.
    let none = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&guide)}, "range": at(2, 0), "context": {"diagnostics": []}}),
    );
    assert_eq!(none["result"], json!([]));

    // Hover: the schema's description of the field.
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&guide)}, "position": pos(22, 4)}),
    );
    assert_eq!(
        hover["result"],
        json!({
            "contents": {"kind": "markdown", "value": "**`salary.period`**: year | month | hour, required\n\n`year`, `month` or `hour`."},
            "range": range(22, 2, 8)
        })
    );
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&guide)}, "position": pos(18, 16)}),
    );
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**`progression.leads_to[].guide`**: text, required\n\nSlug of another guide; must exist.\n\n`data-scientist`: **Data Scientist** (`guides/data-scientist.md`)"
    );

    // Go to definition on a `guide:` slug opens that guide.
    let found = lsp.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&guide)}, "position": pos(18, 16)}),
    );
    assert_eq!(
        found["result"],
        json!({"uri": uri(&site.path().join("guides/data-scientist.md")), "range": range(0, 0, 0)})
    );
    let nothing = lsp.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&guide)}, "position": pos(1, 2)}),
    );
    assert_eq!(nothing["result"], Value::Null);
    assert!(lsp.shutdown().success());
}

#[test]
fn the_session_starts_and_ends_as_the_protocol_says_and_bad_messages_get_errors() {
    let site = fixture("site");
    let guide = site.path().join("guides/data-analyst.md");
    let mut lsp = Lsp::start(&[]);
    // Before `initialize`, requests are refused.
    let early = lsp.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    let init = lsp.request("initialize", json!({"capabilities": {}}));
    assert!(init["result"]["capabilities"].is_object());
    lsp.notify("initialized", json!({}));
    assert_eq!(
        lsp.request("initialize", json!({"capabilities": {}}))["error"]["code"],
        -32600
    );

    // Not JSON: a parse error, with a null id.
    let body = "{this is not json";
    lsp.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let error = lsp.wait_for(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    // JSON, but no request: invalid, answered under its id.
    let body = r#"{"jsonrpc":"2.0","id":99,"method":7}"#;
    lsp.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let error = lsp.wait_for(|m| m["id"] == 99);
    assert_eq!(error["error"]["code"], -32600);
    // Parameters of the wrong shape, and a method nobody answers.
    let bad = lsp.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = lsp.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // A notification with bad parameters is dropped; the server carries on.
    lsp.notify("textDocument/didChange", json!({"textDocument": "x"}));
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///nowhere/x.md"}}),
    );
    // Positions past the end of a document, and documents never opened.
    lsp.open(&guide, &read(&guide));
    assert_eq!(lsp.diagnostics(&guide), Vec::<Value>::new());
    let far = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&guide)}, "position": pos(9999, 9999)}),
    );
    assert_eq!(far["result"], json!([]));
    let unopened = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/guides/y.md"}, "position": pos(1, 1)}),
    );
    assert_eq!(unopened["result"], Value::Null);

    let answer = lsp.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    // After `shutdown`, only `exit` is left.
    assert_eq!(
        lsp.request("textDocument/hover", json!({}))["error"]["code"],
        -32600
    );
    lsp.notify("exit", Value::Null);
    let status = lsp.wait();
    assert_eq!(status.code(), Some(0));
    let err = lsp.stderr();
    assert!(!err.contains("panicked"), "{err}");

    // `exit` without `shutdown` is an unclean end: exit code 1.
    let mut lsp = Lsp::start(&[]);
    lsp.request("initialize", json!({"capabilities": {}}));
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait().code(), Some(1));
    // So is the editor going away; `--stdio` is accepted.
    let mut lsp = Lsp::start(&["--stdio"]);
    lsp.request("initialize", json!({"capabilities": {}}));
    assert_eq!(lsp.wait().code(), Some(1));
}

/// The README shows a recorded exchange with `careerbook lsp`: sending its
/// `->` messages, in order, to the server on the same site must bring
/// exactly its `<-` messages, so the README cannot go stale.
#[test]
fn the_readmes_recorded_session_is_what_the_server_says() {
    let readme = read(crate::common::repo().join("README.md"));
    let block = readme
        .split("```text\n")
        .skip(1)
        .find(|b| b.starts_with("-> "))
        .and_then(|b| b.split("```").next())
        .expect("a recorded session in the README");
    let site = fixture("invalid/readme");
    // The recording was made with the site at /tmp/careers.
    let here = uri(site.path());
    let normal = |m: &str| -> Value {
        let mut v: Value = serde_json::from_str(&m.replace("file:///tmp/careers", &here))
            .unwrap_or_else(|e| panic!("{e}: {m}"));
        if v["result"]["serverInfo"]["version"].is_string() {
            v["result"]["serverInfo"]["version"] = json!("(this version)");
        }
        v
    };
    let mut lsp = Lsp::start(&[]);
    let (mut sent, mut answered) = (0, 0);
    for line in block.lines() {
        if let Some(m) = line.strip_prefix("-> ") {
            lsp.send(normal(m));
            sent += 1;
        } else if let Some(m) = line.strip_prefix("<- ") {
            let mut got = lsp.wait_for(|_| true);
            if got["result"]["serverInfo"]["version"].is_string() {
                got["result"]["serverInfo"]["version"] = json!("(this version)");
            }
            assert_eq!(got, normal(m), "the README's answer {}", answered + 1);
            answered += 1;
        } else {
            panic!("neither -> nor <-: {line}");
        }
    }
    assert_eq!((sent, answered), (8, 6));
    assert!(lsp.wait().success());
}

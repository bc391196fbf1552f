//! One fixture per kind of mistake the checker made on real reports (tests/fixtures/kinds, made by
//! make_kinds.py), judged against its answer key as `../shared/acceptance/run` judges: every
//! expected finding present, no other error or warning. Plus what a key cannot say: messages
//! without overflowed numbers, information findings, fixes.

use nianbao::checks::{Options, check_text};
use nianbao::{Code, Finding, Severity, apply_edits};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kinds");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn line_of(text: &str, offset: usize) -> u64 {
    text[..offset].matches('\n').count() as u64
}

/// What is wrong with a file's findings against its key entries; empty when it passes.
fn judge(text: &str, findings: &[Finding], key: &[Value]) -> Vec<String> {
    let counted: Vec<&Finding> = findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .collect();
    let mut claimed = vec![false; counted.len()];
    let mut problems = Vec::new();
    for want in key {
        let codes: Vec<&str> = want["code"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        // A code of the key that is not a code of the checker is a mistake of the key.
        for c in &codes {
            assert!(
                Code::parse(c).is_some(),
                "the key names {c}, which is no code"
            );
        }
        let (lo, hi) = (
            want["lines"][0].as_u64().unwrap(),
            want["lines"][1].as_u64().unwrap(),
        );
        let hits: Vec<usize> = (0..counted.len())
            .filter(|&i| {
                let line = line_of(text, counted[i].range.start);
                codes.contains(&counted[i].code.as_str()) && lo <= line && line <= hi
            })
            .collect();
        let min = want.get("min").and_then(Value::as_u64).unwrap_or(1) as usize;
        if hits.len() < min {
            problems.push(format!("missing {codes:?} on lines {lo}-{hi}"));
        }
        let take = if want.get("min").is_some() {
            hits.len()
        } else {
            1
        };
        for &i in hits.iter().take(take) {
            claimed[i] = true;
        }
    }
    for (i, f) in counted.iter().enumerate() {
        if !claimed[i] {
            problems.push(format!(
                "unexpected {} on line {}: {}",
                f.code,
                line_of(text, f.range.start),
                f.message
            ));
        }
    }
    problems
}

#[test]
fn every_kind_gives_what_its_key_says() {
    let key: Value = serde_json::from_str(&fixture("expected.json")).unwrap();
    let key = key.as_object().unwrap();
    assert!(key.len() >= 30, "only {} fixtures", key.len());
    let mut failures = Vec::new();
    for (name, entries) in key {
        let text = fixture(name);
        let findings = check_text(&text, &Options::default());
        let problems = judge(&text, &findings, entries.as_array().unwrap());
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn counts_of_twenty_five_digits_overflow_nothing() {
    // In a debug build an overflow panics; in any build a sum must not come out negative.
    let text = fixture("huge_counts.txt");
    for f in check_text(&text, &Options::default()) {
        assert!(
            !f.message.contains("-92") && !f.message.contains("应为-"),
            "{}",
            f.message
        );
    }
}

#[test]
fn no_year_is_said_once_and_only_as_information() {
    let text = fixture("no_year.txt");
    let all = check_text(&text, &Options::default());
    let unknown: Vec<&Finding> = all
        .iter()
        .filter(|f| f.code == Code::UnknownFormat)
        .collect();
    assert_eq!(unknown.len(), 1, "{all:#?}");
    assert_eq!(unknown[0].severity, Severity::Information);
    for code in ["outdated-format", "year-mismatch"] {
        assert!(unknown[0].message.contains(code), "{}", unknown[0].message);
    }
}

#[test]
fn a_count_with_a_unit_is_fixed_to_the_bare_number_and_money_keeps_its_unit() {
    let text = fixture("count_with_unit.txt");
    let f: Vec<Finding> = check_text(&text, &Options::default())
        .into_iter()
        .filter(|f| f.code == Code::InvalidNumber)
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].fixes[0].safe);
    let fixed = apply_edits(&text, &f[0].fixes[0].edits).unwrap();
    assert!(fixed.contains("行政许可\t1234\n"));
    for money in [
        "money_with_unit_2021.txt",
        "money_grouped_2021.txt",
        "money_with_unit_2019.txt",
        "money_with_unit_2019_decimals.txt",
    ] {
        let text = fixture(money);
        assert!(
            check_text(&text, &Options::default())
                .iter()
                .all(|f| f.code != Code::InvalidNumber),
            "{money}"
        );
    }
}

#[test]
fn a_report_before_the_formats_is_information_only() {
    let text = fixture("report_before_2019.txt");
    let all = check_text(&text, &Options::default());
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].code, Code::UnknownFormat);
    assert!(all[0].message.contains("2018"), "{}", all[0].message);
}

#[test]
fn the_real_reports_give_what_their_key_says() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");
    let key: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/expected.json")).unwrap())
            .unwrap();
    let mut failures = Vec::new();
    for (name, entries) in key.as_object().unwrap() {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let text = nianbao::decode::decode(&bytes).unwrap().text;
        let findings = check_text(&text, &Options::default());
        let problems = judge(&text, &findings, entries.as_array().unwrap());
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

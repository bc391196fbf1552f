//! Drafting against finished reports: one wrong part of a finished report is blamed on that part
//! (with the value the sums imply), never explained away as stale totals; the same part typed
//! into a fresh template is never blamed (src/checks/total_mismatch.rs). On every clean fixture
//! layout and every sample report without errors of its own.

use nianbao::code::Code;
use nianbao::model::Model;

fn reports() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let here = env!("CARGO_MANIFEST_DIR");
    for dir in [
        format!("{here}/tests/fixtures"),
        format!("{here}/../shared/corpus/seeds"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let is_report = p.extension().is_some_and(|x| x == "txt")
                && (dir.ends_with("seeds") || name.starts_with("clean_"));
            if is_report && let Ok(text) = std::fs::read_to_string(&p) {
                out.push((name, text));
            }
        }
    }
    out.sort();
    out
}

/// The range and value of 「（一）予以公开」·「自然人」, a part of two sums.
fn granted_by_people(m: &Model) -> Option<(std::ops::Range<usize>, i64)> {
    m.each_cell().find_map(|c| {
        let spec = c.row.block.spec;
        let at = c.at()?;
        (spec.rows[at.row].key == "granted" && spec.columns[at.col].key == "natural").then(
            || match &c.cell.value {
                nianbao::model::Value::Number(n) => Some((c.cell.range.clone(), n.as_integer()?)),
                _ => None,
            },
        )?
    })
}

#[test]
fn one_wrong_part_of_a_finished_report_is_that_part() {
    let reports = reports();
    let mut tried = 0;
    for (name, text) in reports {
        // Only finished reports: a report with errors of its own (a missing column) is another test.
        let errors = nianbao::check_text(&text, &Default::default())
            .into_iter()
            .filter(|f| f.severity == nianbao::finding::Severity::Error)
            .count();
        if errors > 0 {
            continue;
        }
        tried += 1;
        let m = Model::new(&text);
        let Some((range, value)) = granted_by_people(&m) else {
            panic!("{name}: 「（一）予以公开」·「自然人」 not read");
        };
        let typo = format!(
            "{}{}{}",
            &text[..range.start],
            value + 3,
            &text[range.end..]
        );
        let arith: Vec<_> = nianbao::check_text(&typo, &Default::default())
            .into_iter()
            .filter(|f| matches!(f.code, Code::TotalMismatch | Code::BalanceMismatch))
            .collect();
        assert_eq!(arith.len(), 1, "{name}: {arith:#?}");
        let f = &arith[0];
        assert_eq!(f.range.start, range.start, "{name}: {f:#?}");
        let implied = [format!("应为{value}"), format!("應為{value}")];
        assert!(
            implied.iter().any(|w| f.message.contains(w.as_str())),
            "{name}: {}",
            f.message
        );
    }
    assert!(tried >= 8, "{tried} finished reports");
}

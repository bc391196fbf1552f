//! Finding codes. A code is a type, not a string: a test or a setting that names a code which
//! does not exist fails to compile (in code) or is reported (in configuration). Each code has one
//! check, in `src/checks/` in the file of the same name (`total_mismatch.rs` ↔ `total-mismatch`).

use std::fmt;

macro_rules! codes {
    ($($variant:ident = $name:literal,)*) => {
        /// The stable code of a finding, in the order of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in messages, settings and the JSON contract.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    UnknownFormat = "unknown-format",
    MissingSection = "missing-section",
    DuplicateSection = "duplicate-section",
    SectionOrder = "section-order",
    NonstandardHeading = "nonstandard-heading",
    MissingTable = "missing-table",
    MissingRow = "missing-row",
    MissingColumn = "missing-column",
    CellCount = "cell-count",
    NonstandardLabel = "nonstandard-label",
    EmptyCell = "empty-cell",
    InvalidNumber = "invalid-number",
    TotalMismatch = "total-mismatch",
    BalanceMismatch = "balance-mismatch",
    NarrativeMismatch = "narrative-mismatch",
    StrayMarkup = "stray-markup",
    MissingFeeStatement = "missing-fee-statement",
    OutdatedFormat = "outdated-format",
    YearMismatch = "year-mismatch",
    CarryoverMismatch = "carryover-mismatch",
    CopiedText = "copied-text",
}

impl Code {
    /// The code written as `s`, if there is one.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Code::parse("total-mismatch"), Some(Code::TotalMismatch));
        assert_eq!(Code::parse("total_mismatch"), None);
        assert_eq!(Code::parse("totals-mismatch"), None);
        assert_eq!(Code::TotalMismatch.to_string(), "total-mismatch");
    }

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(
                s.split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_lowercase())),
                "{s}"
            );
            assert!(seen.insert(s), "{s} twice");
        }
    }
}

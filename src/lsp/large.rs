//! Large documents are checked when saved, not on every keystroke: a check of a 20 MB report
//! takes seconds, and the editor would queue one per keystroke. The size is a setting
//! (`nianbao.checkOnSaveAbove`, bytes; 10 MB by default); the clerk is told once per opening.

use crate::voice::Lang;
use serde_json::Value;

/// Documents larger than this many bytes are checked on save by default.
pub const DEFAULT_ABOVE: usize = 10 * 1024 * 1024;

/// The setting, if `v` (the client's settings, possibly under `nianbao`) has it.
pub fn setting(v: &Value) -> Option<usize> {
    let v = v.get("nianbao").unwrap_or(v);
    v.get("checkOnSaveAbove")
        .and_then(Value::as_u64)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// The notice shown the first time a large document is edited.
pub fn notice(lang: Lang, size: usize, above: usize) -> String {
    let mb = |n: usize| format!("{:.1}", n as f64 / (1024.0 * 1024.0));
    match lang {
        Lang::English => format!(
            "This document is {} MB, more than {} MB: nianbao checks it when it is saved, not while you type.",
            mb(size),
            mb(above)
        ),
        Lang::Chinese => format!(
            "此文档 {} MB，超过 {} MB：保存时检查，输入时不再逐次检查。",
            mb(size),
            mb(above)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_is_read_flat_or_nested() {
        assert_eq!(
            setting(&serde_json::json!({"checkOnSaveAbove": 5})),
            Some(5)
        );
        assert_eq!(
            setting(&serde_json::json!({"nianbao": {"checkOnSaveAbove": 0}})),
            Some(0)
        );
        assert_eq!(setting(&serde_json::json!({"language": "en"})), None);
        assert!(notice(Lang::Chinese, 20 << 20, DEFAULT_ABOVE).contains("20.0 MB"));
    }
}

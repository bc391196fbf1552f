//! Automatic numbering: the 「一、」 before a heading that Word draws from `numbering.xml`, not
//! from the text. The definitions (abstract lists, their instances with overrides) and paragraph
//! styles that carry numbering are read here; `Counters` then numbers paragraphs in document order.

use super::xml::{Name, Ns, Part, Step, Walker, attr, on};
use crate::source::ReadError;
use rustc_hash::FxHashMap;

/// Levels of a list (Word allows nine).
const LEVELS: usize = 9;

/// The longest level text taken, in bytes.
const MAX_NUMBER: usize = 64;

/// How a level writes its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    DecimalEnclosedParen,
    DecimalEnclosedCircle,
    DecimalEnclosedFullstop,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    /// 一、二、…十、十一 (also the Taiwanese and Japanese counting forms).
    ChineseCounting,
    /// 一…十…一百零一: counting with thousands.
    ChineseCountingThousand,
    /// 壹贰叁…拾.
    ChineseLegal,
    /// 甲乙丙丁…
    IdeographTraditional,
    /// 子丑寅卯…
    IdeographZodiac,
    /// 一〇: digit by digit.
    IdeographDigital,
    /// Bullets and `none`: no text we can use.
    Nothing,
}

impl Format {
    fn parse(v: &str) -> Format {
        match v {
            "decimalZero" => Format::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => Format::DecimalFullWidth,
            "decimalEnclosedParen" => Format::DecimalEnclosedParen,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
                Format::DecimalEnclosedCircle
            }
            "decimalEnclosedFullstop" => Format::DecimalEnclosedFullstop,
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "upperLetter" => Format::UpperLetter,
            "lowerLetter" => Format::LowerLetter,
            "chineseCounting" | "taiwaneseCounting" | "japaneseCounting" => Format::ChineseCounting,
            "chineseCountingThousand" | "taiwaneseCountingThousand" => {
                Format::ChineseCountingThousand
            }
            "chineseLegalSimplified" | "japaneseLegal" => Format::ChineseLegal,
            "ideographTraditional" => Format::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => Format::IdeographZodiac,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                Format::IdeographDigital
            }
            "bullet" | "none" => Format::Nothing,
            _ => Format::Decimal,
        }
    }

    /// The number `n` written in this format.
    pub(crate) fn write(self, n: i64) -> String {
        let Ok(u) = u64::try_from(n) else {
            return n.to_string();
        };
        let pick = |set: &[&str], first: u64| {
            usize::try_from(u.wrapping_sub(first))
                .ok()
                .and_then(|i| set.get(i))
                .map(|s| s.to_string())
        };
        let circled = |base: u32| {
            (1..=20)
                .contains(&u)
                .then(|| char::from_u32(base + u as u32 - 1))
                .flatten()
                .map(String::from)
        };
        let out = match self {
            Format::Decimal => None,
            Format::DecimalZero => Some(format!("{u:02}")),
            Format::DecimalFullWidth => Some(
                u.to_string()
                    .chars()
                    .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                    .collect(),
            ),
            Format::DecimalEnclosedParen => Some(format!("({u})")),
            Format::DecimalEnclosedCircle => circled(0x2460),
            Format::DecimalEnclosedFullstop => circled(0x2488),
            Format::UpperRoman => roman(u),
            Format::LowerRoman => roman(u).map(|s| s.to_lowercase()),
            Format::UpperLetter => letters(u, b'A'),
            Format::LowerLetter => letters(u, b'a'),
            Format::ChineseCounting => chinese(u, &SIMPLE, &["十", "百", "千"], "〇", false),
            Format::ChineseCountingThousand => {
                chinese(u, &SIMPLE, &["十", "百", "千"], "零", false)
            }
            Format::ChineseLegal => chinese(u, &LEGAL, &["拾", "佰", "仟"], "零", true),
            Format::IdeographTraditional => pick(
                &["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"],
                1,
            ),
            Format::IdeographZodiac => pick(
                &[
                    "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
                ],
                1,
            ),
            Format::IdeographDigital => Some(
                u.to_string()
                    .bytes()
                    .map(|d| SIMPLE_ZERO[(d - b'0') as usize])
                    .collect(),
            ),
            Format::Nothing => Some(String::new()),
        };
        out.unwrap_or_else(|| u.to_string())
    }
}

const SIMPLE: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const SIMPLE_ZERO: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const LEGAL: [&str; 10] = ["", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// Chinese numerals below 100 000 000, as in 「二十一」「一百零五」「一万零五」; `legal` keeps the
/// 「壹拾」 that counting shortens to 「十」.
fn chinese(
    u: u64,
    digits: &[&str; 10],
    units: &[&str; 3],
    zero: &str,
    legal: bool,
) -> Option<String> {
    if u == 0 {
        return Some(zero.to_string());
    }
    if u >= 100_000_000 {
        return None;
    }
    // Whether anything is written yet, and whether a zero digit lies since the last one written.
    struct State {
        out: String,
        written: bool,
        gap: bool,
    }
    let group = |n: u64, st: &mut State| {
        let ds = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
        for (i, &d) in ds.iter().enumerate() {
            if d == 0 {
                st.gap |= st.written;
                continue;
            }
            if st.gap {
                st.out.push('零');
                st.gap = false;
            }
            let unit = 3 - i;
            // 「十一」: counting leaves out the 「一」 of a leading ten.
            let implied = unit == 1 && d == 1 && !st.written && !legal;
            if !implied {
                st.out.push_str(digits[d as usize]);
            }
            if unit > 0 {
                st.out.push_str(units[unit - 1]);
            }
            st.written = true;
        }
    };
    let mut st = State {
        out: String::new(),
        written: false,
        gap: false,
    };
    let (high, low) = (u / 10_000, u % 10_000);
    if high > 0 {
        group(high, &mut st);
        st.out.push('万');
        st.gap = false;
    }
    if low > 0 {
        group(low, &mut st);
    }
    Some(st.out)
}

fn roman(u: u64) -> Option<String> {
    if u == 0 || u >= 4000 {
        return None;
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = u;
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Word's letters: A…Z, then AA, BB…
fn letters(u: u64, base: u8) -> Option<String> {
    if u == 0 || u > 780 {
        return None;
    }
    let c = (base + ((u - 1) % 26) as u8) as char;
    Some(std::iter::repeat_n(c, ((u - 1) / 26 + 1) as usize).collect())
}

/// What follows the number: Word's default is a tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    Tab,
    Space,
    Nothing,
}

#[derive(Clone, Debug)]
pub(crate) struct Level {
    start: i64,
    format: Format,
    /// `%1、`; None when the level has no text.
    text: Option<String>,
    /// 1-based level whose use restarts this one; 0 never; None: any shallower level.
    restart: Option<u32>,
    suffix: Suffix,
    legal: bool,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 0,
            format: Format::Decimal,
            text: None,
            restart: None,
            suffix: Suffix::Tab,
            legal: false,
            style: None,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    start_override: [Option<i64>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

/// Numbering given to a paragraph: a list instance and a level, from the paragraph or its style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NumPr {
    pub num: Option<String>,
    pub level: Option<u32>,
}

#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    numbering: NumPr,
}

/// The numbering definitions and paragraph styles of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Definitions {
    abstracts: FxHashMap<String, Abstract>,
    nums: FxHashMap<String, Num>,
    styles: FxHashMap<String, Style>,
    default_style: Option<String>,
}

fn parse_level(v: &str) -> Option<u32> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|&l| (l as usize) < LEVELS)
}

fn parse_int(v: &str) -> Option<i64> {
    v.trim().parse::<i64>().ok().map(|n| n.clamp(0, 1_000_000))
}

impl Definitions {
    /// Reads `numbering.xml` and `styles.xml` (either may be absent).
    pub(crate) fn read(numbering: Option<&Part>, styles: Option<&Part>) -> Result<Self, ReadError> {
        let mut d = Definitions::default();
        if let Some(p) = numbering {
            d.read_numbering(p)?;
        }
        if let Some(p) = styles {
            d.read_styles(p)?;
        }
        Ok(d)
    }

    fn read_numbering(&mut self, part: &Part) -> Result<(), ReadError> {
        // Where we are: an abstract list, an instance, a level (of either), a level override.
        let mut abs: Option<(String, Abstract)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        let mut w = Walker::new(part)?;
        while let Some(step) = w.next()? {
            match step {
                // Newer formats sit in a Choice beside a Fallback that older readers take.
                Step::Open {
                    ns: Ns::Mc,
                    name: Name::Choice,
                    ..
                } => w.skip()?,
                Step::Open {
                    ns: Ns::W,
                    name,
                    el,
                    ..
                } => {
                    // Formatting of the numbers says nothing of their text.
                    if matches!(name, Name::rPr | Name::pPr) {
                        w.skip()?;
                        continue;
                    }
                    let val = attr(&el, b"val");
                    match name {
                        Name::abstractNum => {
                            abs = attr(&el, b"abstractNumId").map(|id| (id, Abstract::default()));
                        }
                        Name::num if abs.is_none() => {
                            num = attr(&el, b"numId").map(|id| (id, Num::default()));
                        }
                        Name::lvlOverride => {
                            override_level = attr(&el, b"ilvl")
                                .and_then(|v| parse_level(&v))
                                .map(|l| l as usize);
                        }
                        Name::lvl => {
                            level = attr(&el, b"ilvl")
                                .and_then(|v| parse_level(&v))
                                .map(|l| (l as usize, Level::default()));
                        }
                        Name::abstractNumId if level.is_none() => {
                            if let (Some((_, n)), Some(v)) = (num.as_mut(), val) {
                                n.abstract_id = v;
                            }
                        }
                        Name::startOverride => {
                            if let (Some((_, n)), Some(l), Some(v)) = (
                                num.as_mut(),
                                override_level,
                                val.as_deref().and_then(parse_int),
                            ) {
                                n.start_override[l] = Some(v);
                            }
                        }
                        _ => {
                            if let Some((_, lv)) = level.as_mut() {
                                match name {
                                    Name::start => {
                                        lv.start = val.as_deref().and_then(parse_int).unwrap_or(0)
                                    }
                                    Name::numFmt => {
                                        lv.format = Format::parse(val.as_deref().unwrap_or(""))
                                    }
                                    // A number longer than any list writes is ignored: it would
                                    // be repeated before every paragraph of its list.
                                    Name::lvlText => {
                                        lv.text = val.filter(|t| t.len() <= MAX_NUMBER)
                                    }
                                    Name::lvlRestart => {
                                        lv.restart = val.and_then(|v| v.trim().parse().ok())
                                    }
                                    Name::suff => {
                                        lv.suffix = match val.as_deref() {
                                            Some("space") => Suffix::Space,
                                            Some("nothing") => Suffix::Nothing,
                                            _ => Suffix::Tab,
                                        }
                                    }
                                    Name::isLgl => lv.legal = on(val.as_deref()),
                                    Name::pStyle => lv.style = val,
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Step::Close {
                    ns: Ns::W, name, ..
                } => match name {
                    Name::lvl => {
                        if let Some((i, lv)) = level.take() {
                            if let Some((_, a)) = abs.as_mut() {
                                a.levels[i] = Some(lv);
                            } else if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                                n.level_override[l] = Some(lv);
                            }
                        }
                    }
                    Name::lvlOverride => override_level = None,
                    Name::abstractNum => {
                        if let Some((id, a)) = abs.take() {
                            self.abstracts.insert(id, a);
                        }
                    }
                    Name::num => {
                        if let Some((id, n)) = num.take() {
                            self.nums.insert(id, n);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(())
    }

    fn read_styles(&mut self, part: &Part) -> Result<(), ReadError> {
        let mut style: Option<(String, Style)> = None;
        let mut w = Walker::new(part)?;
        while let Some(step) = w.next()? {
            match step {
                Step::Open {
                    ns: Ns::Mc,
                    name: Name::Choice,
                    ..
                } => w.skip()?,
                Step::Open {
                    ns: Ns::W,
                    name,
                    el,
                    ..
                } => {
                    let val = || attr(&el, b"val");
                    match name {
                        Name::style => {
                            let paragraph = attr(&el, b"type").is_none_or(|t| t == "paragraph");
                            style = match attr(&el, b"styleId") {
                                Some(id) if paragraph => {
                                    if attr(&el, b"default").is_some_and(|v| on(Some(&v))) {
                                        self.default_style = Some(id.clone());
                                    }
                                    Some((id, Style::default()))
                                }
                                _ => {
                                    w.skip()?;
                                    None
                                }
                            };
                        }
                        // Only paragraph styles' numbering and inheritance matter here; revisions
                        // keep old properties, which are not in force.
                        Name::latentStyles
                        | Name::docDefaults
                        | Name::rPr
                        | Name::tblPr
                        | Name::trPr
                        | Name::tcPr
                        | Name::tblStylePr
                        | Name::pPrChange
                        | Name::rPrChange => w.skip()?,
                        Name::basedOn => {
                            if let Some((_, s)) = style.as_mut() {
                                s.based_on = val();
                            }
                        }
                        Name::numId => {
                            if let Some((_, s)) = style.as_mut() {
                                s.numbering.num = val();
                            }
                        }
                        Name::ilvl => {
                            if let Some((_, s)) = style.as_mut() {
                                s.numbering.level = val().and_then(|v| parse_level(&v));
                            }
                        }
                        _ => {}
                    }
                }
                Step::Close {
                    ns: Ns::W,
                    name: Name::style,
                    ..
                } => {
                    if let Some((id, s)) = style.take() {
                        self.styles.insert(id, s);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The list instance and level of a paragraph with direct numbering `direct` and style
    /// `style`: direct properties first, then the style and the styles it is based on.
    fn resolve(&self, direct: &NumPr, style: Option<&str>) -> Option<(String, usize)> {
        let style = style.or(self.default_style.as_deref());
        let mut num = direct.num.clone();
        let mut level = direct.level;
        let mut owner: Option<&str> = None;
        let mut at = style;
        for _ in 0..32 {
            let Some(id) = at else { break };
            let Some(s) = self.styles.get(id) else { break };
            if num.is_none() && s.numbering.num.is_some() {
                num = s.numbering.num.clone();
                owner = Some(id);
            }
            if level.is_none() {
                level = s.numbering.level;
            }
            if num.is_some() && level.is_some() {
                break;
            }
            at = s.based_on.as_deref();
        }
        let num = num.filter(|n| n.trim() != "0")?;
        let level = match level {
            Some(l) => l as usize,
            // A level linked to the style that carries the numbering.
            None => {
                let levels = self.levels_of(&num)?;
                let linked = owner.or(style);
                levels
                    .iter()
                    .position(|l| {
                        l.as_ref()
                            .is_some_and(|l| l.style.as_deref() == linked && linked.is_some())
                    })
                    .unwrap_or(0)
            }
        };
        Some((num, level))
    }

    fn levels_of(&self, num: &str) -> Option<[Option<Level>; LEVELS]> {
        let n = self.nums.get(num)?;
        let a = self.abstracts.get(&n.abstract_id)?;
        let mut levels = a.levels.clone();
        for (i, o) in n.level_override.iter().enumerate() {
            if let Some(l) = o {
                levels[i] = Some(l.clone());
            }
        }
        Some(levels)
    }
}

/// The counters of every list, advanced paragraph by paragraph in document order.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    /// Per list: the current value of each level (None: not used since its last restart).
    lists: FxHashMap<String, [Option<i64>; LEVELS]>,
}

impl Counters {
    /// The number text of a paragraph (with what follows it), advancing its list; None when the
    /// paragraph is not numbered.
    pub(crate) fn number(
        &mut self,
        defs: &Definitions,
        direct: &NumPr,
        style: Option<&str>,
    ) -> Option<String> {
        let (num_id, level) = defs.resolve(direct, style)?;
        let num = defs.nums.get(&num_id)?;
        let levels = defs.levels_of(&num_id)?;
        let lv = levels[level].as_ref()?;
        // Instances of one abstract list count together, as Word does, unless an instance
        // restarts a level: then it counts on its own.
        let key = if num.start_override.iter().any(Option::is_some) {
            format!("n{num_id}")
        } else {
            format!("a{}", num.abstract_id)
        };
        let start_of = |l: usize| -> i64 {
            num.start_override[l]
                .or(levels[l].as_ref().map(|x| x.start))
                .unwrap_or(0)
        };
        let counters = self.lists.entry(key).or_default();
        counters[level] = Some(match counters[level] {
            None => start_of(level),
            Some(v) => v.saturating_add(1).min(1_000_000),
        });
        for (deeper, slot) in counters.iter_mut().enumerate().skip(level + 1) {
            let restart = levels[deeper].as_ref().and_then(|l| l.restart);
            let resets = match restart {
                Some(0) => false,
                // Restarted by the use of level `r` (1-based) or a shallower one.
                Some(r) => level < r as usize,
                None => true,
            };
            if resets {
                *slot = None;
            }
        }
        let template = lv.text.as_deref()?;
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=LEVELS as u32).contains(&d)
            {
                chars.next();
                let l = (d - 1) as usize;
                let value = counters[l].unwrap_or_else(|| start_of(l));
                let format = match &levels[l] {
                    Some(x) if !(lv.legal && l != level) => x.format,
                    Some(_) => Format::Decimal,
                    None => Format::Decimal,
                };
                out.push_str(&format.write(value));
            } else {
                out.push(c);
            }
        }
        if lv.format == Format::Nothing && !template.contains('%') {
            // A bullet: its glyph (often in a symbol font) says nothing a check can use.
            return None;
        }
        if out.is_empty() {
            return None;
        }
        let ends_in_punctuation = out.chars().last().is_some_and(|c| !c.is_alphanumeric());
        match lv.suffix {
            Suffix::Space => out.push(' '),
            Suffix::Tab if !ends_in_punctuation => out.push(' '),
            _ => {}
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_write_numbers_as_word_does() {
        let c = Format::ChineseCounting;
        let got: Vec<String> = [1, 2, 10, 11, 20, 21, 100, 105, 0]
            .iter()
            .map(|&n| c.write(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "二",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "〇"
            ]
        );
        assert_eq!(Format::ChineseCountingThousand.write(1010), "一千零一十");
        assert_eq!(Format::ChineseCountingThousand.write(20005), "二万零五");
        assert_eq!(Format::ChineseLegal.write(12), "壹拾贰");
        assert_eq!(Format::IdeographTraditional.write(3), "丙");
        assert_eq!(Format::IdeographTraditional.write(11), "11");
        assert_eq!(Format::IdeographZodiac.write(12), "亥");
        assert_eq!(Format::IdeographDigital.write(105), "一〇五");
        assert_eq!(Format::DecimalEnclosedParen.write(3), "(3)");
        assert_eq!(Format::DecimalEnclosedCircle.write(3), "③");
        assert_eq!(Format::DecimalEnclosedCircle.write(21), "21");
        assert_eq!(Format::DecimalEnclosedFullstop.write(2), "⒉");
        assert_eq!(Format::DecimalFullWidth.write(12), "１２");
        assert_eq!(Format::DecimalZero.write(7), "07");
        assert_eq!(Format::UpperRoman.write(14), "XIV");
        assert_eq!(Format::LowerLetter.write(28), "bb");
        assert_eq!(Format::parse("someday"), Format::Decimal);
    }
}

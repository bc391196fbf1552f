//! Word documents (.docx, from Word, WPS, LibreOffice): the package, its main part read into the
//! report's text layout, and fixes written back into the runs they concern.
//!
//! The text layout: one paragraph per line; each table row on one line with its cells separated by
//! tabs, laid out on the table's grid, so that a cell spanning columns, and the cells below a cell
//! spanning rows, leave empty fields (that is how the model tells merged cells from blanks).
//! Tabs and line breaks inside a cell become spaces; list numbers drawn by Word («一、») are put
//! back at the start of their paragraph. A one-column table is a frame around text and reads as
//! paragraphs; a table inside a cell reads as more text of that cell.

mod numbering;
mod parse;
mod write;
mod xml;

pub use write::{DocxWriter, Unwritable, WriteError, apply_fixes_docx, can_apply};

use super::{Document, Kind, ReadError, Refusal};
use std::io::{Cursor, Read};
use xml::Part;
use zip::ZipArchive;

/// The most a part may inflate to. A report's `document.xml` is well under a megabyte; the
/// limit bounds what a crafted file can make us allocate.
pub const MAX_PART: u64 = 32 * 1024 * 1024;

/// Reads a Word document as a report.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    Ok(read_package(bytes)?.document)
}

/// A package read: the document, the map the writer needs, and the main part's name.
pub(crate) struct Package {
    pub document: Document,
    pub map: parse::Map,
    pub main: Part,
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::Corrupt {
        kind: Kind::Docx,
        detail: detail.into(),
    }
}

pub(crate) fn open_archive(bytes: &[u8]) -> Result<Archive<'_>, ReadError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(format!("zip: {e}")))
}

/// The entry named `name` (part names are case-insensitive), inflated within the limit.
fn inflate(archive: &mut Archive, name: &str) -> Result<Option<Part>, ReadError> {
    let index = match archive.index_for_name(name) {
        Some(i) => i,
        None => {
            let lower = name.to_ascii_lowercase();
            match (0..archive.len()).find(|&i| {
                archive
                    .name_for_index(i)
                    .is_some_and(|n| n.to_ascii_lowercase() == lower)
            }) {
                Some(i) => i,
                None => return Ok(None),
            }
        }
    };
    let file = archive
        .by_index(index)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    let refused = || ReadError::Refused {
        kind: Kind::Docx,
        reason: Refusal::Inflation {
            part: name.to_string(),
            limit: MAX_PART,
        },
    };
    if file.size() > MAX_PART {
        return Err(refused());
    }
    let mut bytes = Vec::with_capacity(file.size() as usize);
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(refused());
    }
    Ok(Some(Part {
        name: name.to_string(),
        bytes,
    }))
}

/// `target` of a relationship from the part `source` (a path inside the package), as a part name.
fn resolve(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return normalise(abs.split('/').collect());
    } else {
        source.split('/').collect()
    };
    parts.pop();
    parts.extend(target.split('/'));
    normalise(parts)
}

fn normalise(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

/// The targets of `rels` (a relationships part of `source`) whose type ends with one of `kinds`.
fn targets(rels: &Part, source: &str, kinds: &[&str]) -> Result<Vec<Option<String>>, ReadError> {
    let mut found = vec![None; kinds.len()];
    let mut w = xml::Walker::new(rels)?;
    while let Some(step) = w.next()? {
        if let xml::Step::Open {
            ns: xml::Ns::Rels,
            name: xml::Name::Relationship,
            el,
            ..
        } = step
        {
            if xml::attr(&el, b"TargetMode").as_deref() == Some("External") {
                continue;
            }
            let (Some(ty), Some(target)) = (xml::attr(&el, b"Type"), xml::attr(&el, b"Target"))
            else {
                continue;
            };
            for (i, k) in kinds.iter().enumerate() {
                if found[i].is_none() && ty.ends_with(k) {
                    found[i] = Some(resolve(source, &target));
                }
            }
        }
    }
    Ok(found)
}

fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

pub(crate) fn read_package(bytes: &[u8]) -> Result<Package, ReadError> {
    if bytes.len() > super::MAX_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: super::MAX_BYTES,
        });
    }
    let mut archive = open_archive(bytes)?;
    let main_name = match inflate(&mut archive, "_rels/.rels")? {
        Some(rels) => targets(&rels, "", &["/officeDocument"])?
            .pop()
            .flatten()
            .unwrap_or_else(|| "word/document.xml".to_string()),
        None => "word/document.xml".to_string(),
    };
    let main = inflate(&mut archive, &main_name)?
        .ok_or_else(|| corrupt(format!("no {main_name}: not a Word document")))?;
    let (numbering, styles) = match inflate(&mut archive, &rels_of(&main_name))? {
        Some(rels) => {
            let mut t = targets(&rels, &main_name, &["/numbering", "/styles"])?;
            let styles = t.pop().flatten();
            (t.pop().flatten(), styles)
        }
        None => (None, None),
    };
    let numbering = match numbering {
        Some(n) => inflate(&mut archive, &n)?,
        None => None,
    };
    let styles = match styles {
        Some(n) => inflate(&mut archive, &n)?,
        None => None,
    };
    let defs = numbering::Definitions::read(numbering.as_ref(), styles.as_ref())?;
    let parsed = parse::parse(&main, &defs)?;
    Ok(Package {
        document: Document {
            kind: Kind::Docx,
            text: parsed.text,
            encoding: "utf-8",
            pieces: parsed.pieces,
        },
        map: parsed.map,
        main,
    })
}

#[cfg(test)]
mod tests;

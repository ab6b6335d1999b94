//! The parts of an Office zip, read with their decompressed size capped: a `.docx` of a few
//! kilobytes can inflate to gigabytes (a zip bomb), and its declared sizes can lie, so every
//! byte inflated counts against one budget per file, and reading stops at the cap whatever
//! the zip says.

use super::OfficeError;
use std::io::{Cursor, Read};

/// At most this many bytes are inflated from one file: a report's document.xml or sheets
/// take a few megabytes at most, its images are not read.
pub const MAX_INFLATED: u64 = 64 << 20;

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that may still be inflated.
    budget: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, OfficeError> {
        Ok(Archive {
            zip: zip::ZipArchive::new(Cursor::new(bytes))?,
            budget: MAX_INFLATED,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's bytes, inflated within the budget.
    pub fn part(&mut self, name: &str) -> Result<Vec<u8>, OfficeError> {
        let too_large = || OfficeError::TooLarge {
            part: name.to_string(),
        };
        let file = self.zip.by_name(name)?;
        // A declared size past the cap fails at once; a smaller one may lie, so the read is
        // capped too.
        if file.size() > self.budget {
            return Err(too_large());
        }
        let mut out = Vec::with_capacity(file.size() as usize);
        file.take(self.budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                OfficeError::Zip(zip::result::ZipError::Io(std::io::Error::new(
                    e.kind(),
                    format!("{name}: {e}"),
                )))
            })?;
        if out.len() as u64 > self.budget {
            return Err(too_large());
        }
        self.budget -= out.len() as u64;
        Ok(out)
    }

    /// A small text part (`mimetype`, a relationships file) as text.
    pub fn small_part(&mut self, name: &str) -> Result<String, OfficeError> {
        Ok(String::from_utf8_lossy(&self.part(name)?).into_owned())
    }

    /// The main part an OOXML package names in `_rels/.rels` (`word/document.xml`,
    /// `xl/workbook.xml`), if it names one.
    pub fn main_part(&mut self) -> Result<Option<String>, OfficeError> {
        if !self.has("_rels/.rels") {
            return Ok(None);
        }
        let rels = self.part("_rels/.rels")?;
        let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| OfficeError::Xml {
                    part: "_rels/.rels".into(),
                    message: e.to_string(),
                })?;
            match event {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let ty = attr(&e, "Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument")
                        && let Some(target) = attr(&e, "Target")
                    {
                        return Ok(Some(target.trim_start_matches('/').to_string()));
                    }
                }
                quick_xml::events::Event::Eof => return Ok(None),
                _ => {}
            }
            buf.clear();
        }
    }

    /// Inflates every XML part within the budget, reading nothing: before a workbook is
    /// handed to calamine, which reads its parts uncapped. Images and other media are not
    /// read by anyone, and do not count.
    pub fn check_xml_parts(&mut self) -> Result<(), OfficeError> {
        let names: Vec<String> = self
            .zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .filter(|n| n.ends_with(".xml") || n.ends_with(".rels") || n.ends_with(".bin"))
            .collect();
        for name in names {
            let size = {
                let mut file = self.zip.by_name(&name)?;
                if file.size() > self.budget {
                    return Err(OfficeError::TooLarge { part: name });
                }
                std::io::copy(&mut (&mut file).take(self.budget + 1), &mut std::io::sink())
                    .map_err(|e| OfficeError::Zip(zip::result::ZipError::Io(e)))?
            };
            if size > self.budget {
                return Err(OfficeError::TooLarge { part: name });
            }
            self.budget -= size;
        }
        Ok(())
    }
}

/// An attribute's value by its local name (`w:val` is `val`), whatever the prefix.
pub fn attr(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

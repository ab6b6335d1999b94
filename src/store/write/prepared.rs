//! What the importer derives from a report alone, made on any thread (a CSV import makes it
//! on its reading thread) so that the thread holding the transaction only writes.

use crate::model::Report;

/// A report with what the importer derives from it alone: its content hash, its per-report
/// totals and its own findings. Made on any thread (a CSV import makes them on its reading
/// thread), so that the thread holding the transaction only writes.
pub struct Prepared {
    pub report: Report,
    pub(super) hash: String,
    /// The hash without the region code the report gives, where it gives one.
    pub(super) hash_without_region: Option<String>,
    pub(super) summary: [Option<i64>; 20],
    /// 表三's outcomes per applicant column, for `report_outcome` ([`crate::model::outcomes`]).
    pub(super) outcomes: Vec<(u8, [Option<i64>; 8])>,
    pub(super) findings: Vec<crate::check::Finding>,
    /// Why the report cannot be stored: a value past the ceiling (the readers refuse them
    /// with their line; this is for reports made otherwise). Its sums are not worked out.
    pub(super) refusal: Option<String>,
}

impl Prepared {
    pub fn new(mut report: Report) -> Prepared {
        // The readers give names as identities know them; a report made otherwise gets the
        // same treatment, or is refused.
        let name = crate::normalise::agency_name(&report.agency);
        if let Ok(name) = &name {
            report.agency.clone_from(name);
        }
        let refusal = name
            .err()
            .map(|e| format!("{e}: {}", crate::read::quote(&report.agency)));
        let refusal = refusal.or_else(|| {
            report.cells.iter().find_map(|c| {
                let why = c.value.beyond_ceiling()?;
                let row = crate::contract::row_by_id(c.row).map_or("?", |r| r.code);
                let col = crate::contract::col_by_id(c.col).map_or("?", |d| d.code);
                Some(format!("{row}/{col}: {why}"))
            })
        });
        if refusal.is_some() {
            return Prepared {
                hash: report.content_hash(),
                hash_without_region: None,
                summary: [None; 20],
                outcomes: Vec::new(),
                findings: Vec::new(),
                refusal,
                report,
            };
        }
        Prepared {
            hash: report.content_hash(),
            hash_without_region: report
                .region_code
                .is_some()
                .then(|| report.content_hash_without_region()),
            summary: crate::model::summary(&report),
            outcomes: crate::model::outcomes(&report),
            findings: crate::check::check_report(&report),
            refusal: None,
            report,
        }
    }
}

//! A Datasette metadata file for a gov-db database, so that `datasette gov.db -m
//! metadata.json` is a site people can browse: each view titled and explained by the header
//! of its `sql/` file (what it answers, its formulas and units), facets on year, region and
//! level where a view has them, the contract's Chinese labels as the label of its code
//! tables, gov-db's scratch and bookkeeping tables hidden, and canned queries with named
//! parameters for the questions people come with (an agency's trend, a region's ranking, one
//! report's cells with their labels).
//!
//! Built from the database itself (its tables and views, and their columns) and from the
//! views' documentation compiled into the binary, so that it describes what the file holds.

use crate::store::{self, SchemaObject};
use serde_json::{Map, Value, json};

/// Tables that are gov-db's bookkeeping, not data a person browses.
const HIDDEN: &[&str] = &[
    "meta",
    "refinery_schema_history",
    "import_seen",
    "import_source",
    "finding_stale",
    "shape",
    "shape_cell",
    "shape_cell_code",
    "statistics_year",
    "agency_op_step",
];

/// The columns a view is faceted on when it has them, in this order.
const FACETS: &[&str] = &[
    "year",
    "level",
    "region_code",
    "section",
    "severity",
    "rule",
];

/// What a base table holds, for the tables a person may open (the views say it themselves).
const TABLE_DOCS: &[(&str, &str)] = &[
    (
        "agency",
        "Agency identities: canonical name, region code (行政区划代码), level, parent; merged_into once merged away.",
    ),
    (
        "agency_name",
        "Every name an agency is known by, with the years it was used.",
    ),
    (
        "report",
        "One report per agency and statistics year: template, format, source file, content hash, parser version, import time.",
    ),
    (
        "fact",
        "The numbers, sparse: a stated cell without a row is 0, a row with NULL is a blank cell. The cells view gives them with labels.",
    ),
    (
        "finding",
        "gov-db check's findings: the identities a report breaks, with both sides' numbers and a message quoting the labels.",
    ),
    (
        "section",
        "The three tables of a report (表二, 表三, 表四) with their Chinese and English labels.",
    ),
    (
        "row_dim",
        "The rows of each table: the contract's code, the Chinese label as printed, the English label.",
    ),
    (
        "col_dim",
        "The columns of each table: the contract's code, the Chinese label, the kind (count, money).",
    ),
    (
        "region",
        "行政区划代码 (GB/T 2260): code, name, level, parent code.",
    ),
];

/// The metadata for the database Datasette will call `database` (its file name without
/// extension), describing `objects` (the database's tables and views with their columns).
pub fn metadata(database: &str, objects: &[SchemaObject]) -> Value {
    let mut tables = Map::new();
    for object in objects {
        let mut entry = Map::new();
        if object.kind == "view" {
            if let Some(view) = store::views().iter().find(|v| v.view == object.name) {
                entry.insert("title".into(), json!(view.summary));
                entry.insert("description".into(), json!(view.doc));
            }
        } else if let Some((_, doc)) = TABLE_DOCS.iter().find(|(t, _)| *t == object.name) {
            entry.insert("description".into(), json!(doc));
        } else if HIDDEN.contains(&object.name.as_str()) {
            entry.insert("hidden".into(), json!(true));
        }
        let facets: Vec<&str> = FACETS
            .iter()
            .copied()
            .filter(|f| object.columns.iter().any(|c| c == f))
            .collect();
        if !facets.is_empty() && object.kind == "view" {
            entry.insert("facets".into(), json!(facets));
        }
        if object.columns.iter().any(|c| c == "year") && object.kind == "view" {
            entry.insert("sort_desc".into(), json!("year"));
        }
        if object.columns.iter().any(|c| c == "label_zh") {
            entry.insert("label_column".into(), json!("label_zh"));
        } else if object.kind == "table" && object.columns.iter().any(|c| c == "name") {
            entry.insert("label_column".into(), json!("name"));
        }
        if !entry.is_empty() {
            tables.insert(object.name.clone(), Value::Object(entry));
        }
    }
    json!({
        "title": "gov-db: 政府信息公开工作年度报告",
        "description": "China's government information disclosure annual reports (政府信息公开工作年度报告) as data: 表二 proactive disclosure, 表三 requests and their outcomes per applicant category, 表四 administrative review and litigation, per agency and statistics year, under the stable codes of the gov-db data contract. Every view is documented with what it answers and its formulas. A rate whose denominator is 0 or unknown is blank, never 0; `_rate` and `share` columns are fractions 0–1, `_pct` percentages, `_pp` percentage points.",
        "source": "gov-db",
        "databases": {
            database: {
                "tables": tables,
                "queries": queries(),
            }
        }
    })
}

/// Canned queries with named parameters, each over the documented views.
fn queries() -> Value {
    json!({
        "agency_trend": {
            "title": "An agency's trend (any of its names)",
            "description": "Year-on-year change of one agency: requests, resolution and disclosure rates (the trend view).",
            "sql": "SELECT * FROM trend WHERE agency = coalesce((SELECT a.name FROM agency_name n JOIN agency a ON a.id = n.agency_id WHERE n.name = :agency), :agency) ORDER BY year",
        },
        "region_ranking": {
            "title": "Agencies of a region ranked by resolution rate",
            "description": "The agencies whose 行政区划代码 starts with :region (35 福建省, 3505 泉州市), for one :year, by resolution rate (ties: more requests first).",
            "sql": "SELECT c.agency, c.year, c.region_code, c.requests, c.processed, c.resolution_rate_of_requests, c.disclosure_rate_of_processed FROM compare c WHERE c.region_code LIKE :region || '%' AND c.year = CAST(:year AS INTEGER) ORDER BY c.resolution_rate_of_requests DESC, c.requests DESC",
        },
        "report_cells": {
            "title": "One report's numbers with their labels",
            "description": "Every stated cell of an agency's report for one year, with the Chinese labels as printed (the cells view).",
            "sql": "SELECT section, \"row\", row_label, \"column\", column_label, value FROM cells WHERE agency = :agency AND year = CAST(:year AS INTEGER)",
        },
        "errors_by_rule": {
            "title": "Arithmetic errors found, by rule",
            "description": "How many error findings of gov-db check each rule raised, per statistics year.",
            "sql": "SELECT r.year, f.rule, count(*) AS errors FROM finding f JOIN report r ON r.id = f.report_id WHERE f.severity = 'error' GROUP BY r.year, f.rule ORDER BY r.year DESC, errors DESC",
        },
    })
}

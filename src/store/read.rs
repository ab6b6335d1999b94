//! Reading back: canonical CSV export, canned views and ad hoc SQL, as rows of values that
//! the renderer prints.

use super::{Error, Result, Store, View};
use rusqlite::types::ValueRef;

/// One SQL value as the renderers see it.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlValue {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    /// A decimal number kept as the text printed (an amount of money, as exported): printed
    /// as it is, never through a binary float.
    Decimal(String),
}

impl SqlValue {
    /// The value borrowed, as the fast writers take it.
    pub fn as_ref(&self) -> SqlRef<'_> {
        match self {
            SqlValue::Null => SqlRef::Null,
            SqlValue::Int(i) => SqlRef::Int(*i),
            SqlValue::Real(f) => SqlRef::Real(*f),
            SqlValue::Text(t) => SqlRef::Text(t.as_bytes()),
            SqlValue::Decimal(t) => SqlRef::Decimal(t),
        }
    }

    pub(super) fn from_ref(v: ValueRef<'_>) -> SqlValue {
        SqlRef::from_value_ref(v).to_owned()
    }
}

/// One SQL value borrowed where it lies (in the row SQLite holds, or in a [`SqlValue`]): what
/// the writers of rows print without copying it first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SqlRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    /// Text as SQLite holds it: UTF-8, or bytes that are printed as [`SqlValue::from_ref`]
    /// makes them (invalid sequences as U+FFFD).
    Text(&'a [u8]),
    /// See [`SqlValue::Decimal`].
    Decimal(&'a str),
    /// A BLOB, printed by its length as [`SqlValue::from_ref`] makes it.
    Blob(usize),
}

impl<'a> SqlRef<'a> {
    fn from_value_ref(v: ValueRef<'a>) -> SqlRef<'a> {
        match v {
            ValueRef::Null => SqlRef::Null,
            ValueRef::Integer(i) => SqlRef::Int(i),
            ValueRef::Real(f) => SqlRef::Real(f),
            ValueRef::Text(t) => SqlRef::Text(t),
            ValueRef::Blob(b) => SqlRef::Blob(b.len()),
        }
    }

    /// The value owned, as [`SqlValue::from_ref`] makes it.
    pub fn to_owned(self) -> SqlValue {
        match self {
            SqlRef::Null => SqlValue::Null,
            SqlRef::Int(i) => SqlValue::Int(i),
            SqlRef::Real(f) => SqlValue::Real(f),
            SqlRef::Text(t) => SqlValue::Text(String::from_utf8_lossy(t).into_owned()),
            SqlRef::Decimal(t) => SqlValue::Decimal(t.to_string()),
            SqlRef::Blob(n) => SqlValue::Text(format!("<{n} bytes>")),
        }
    }
}

/// A row's values, read one at a time where they lie (see [`SqlRef`]).
pub trait RowValues {
    fn len(&self) -> usize;
    /// The value of column `i` (`i < len()`).
    fn get(&self, i: usize) -> SqlRef<'_>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl RowValues for [SqlValue] {
    fn len(&self) -> usize {
        <[SqlValue]>::len(self)
    }
    fn get(&self, i: usize) -> SqlRef<'_> {
        self[i].as_ref()
    }
}

impl RowValues for Vec<SqlValue> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn get(&self, i: usize) -> SqlRef<'_> {
        self[i].as_ref()
    }
}

/// A row as SQLite holds it: its values are read without a copy.
struct SqliteRow<'r, 's> {
    row: &'r rusqlite::Row<'s>,
    columns: usize,
}

impl RowValues for SqliteRow<'_, '_> {
    fn len(&self) -> usize {
        self.columns
    }
    fn get(&self, i: usize) -> SqlRef<'_> {
        SqlRef::from_value_ref(self.row.get_ref_unwrap(i))
    }
}

/// Where rows go as SQLite makes them (see [`Store::each_view_row`]): the column names
/// first, then each row, its values borrowed from SQLite's. An error (a closed pipe) ends
/// the run.
pub trait RowSink {
    fn header(&mut self, columns: &[String]) -> std::io::Result<()>;
    fn row(&mut self, row: &dyn RowValues) -> std::io::Result<()>;
}

/// What an ad hoc statement did: None when SQLite judges it read-only (a SELECT, a PRAGMA
/// that reads), else the rows its INSERT, UPDATE or DELETE changed (as `changes()` counts
/// them: not the rows its triggers changed; 0 for a CREATE or DROP).
pub type Changed = Option<u64>;

/// A result set: column names and rows.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
}

/// Which reports an export writes; every filter given must hold.
#[derive(Clone, Debug, Default)]
pub struct ExportFilter {
    pub year: Option<i64>,
    /// An identity's canonical name.
    pub agency: Option<String>,
    /// A prefix of the 行政区划代码 (`35`, `3505`).
    pub region: Option<String>,
    /// central, provincial, prefecture, county or township, as the agencies view has it.
    pub level: Option<String>,
    /// Whether each value is as printed or corrected (the last field); None without it.
    pub status: bool,
}

/// The fields of one exported cell, in order: agency (as printed), year, section, row,
/// column, value (None = blank), region code, template, source, level, and with
/// `ExportFilter::status` whether the value is `printed` or `corrected`. The first nine are
/// the canonical CSV's with `--full`.
pub type ExportFields = [Option<String>; 11];

/// [`ExportFields`] borrowed where they lie (see [`Store::export_lines`]).
pub type ExportLine<'a> = [Option<std::borrow::Cow<'a, str>>; 11];

/// Each agency's (region code, level) by canonical name (see [`Store::agency_attributes`]).
pub type AgencyAttributes = std::collections::HashMap<String, (Option<String>, Option<String>)>;

/// Named parameters a canned query may use; those its SQL does not mention are ignored.
#[derive(Clone, Debug, Default)]
pub struct QueryParams {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub agency: Option<String>,
    pub metric: Option<String>,
    pub min_requests: Option<i64>,
    /// Several agencies (canonical names), as a JSON array for `json_each(:agencies)`.
    pub agencies: Option<String>,
    /// A prefix of the 行政区划代码 (`3505` matches 350582).
    pub region: Option<String>,
    /// central, provincial, prefecture, county or township.
    pub level: Option<String>,
    /// At most this many rows, taken in the view's order; SQLite can then stop early (the
    /// top of a ranking is read off an index).
    pub limit: Option<i64>,
}

/// Specialises a canned query to the filters given: `(:p IS NULL OR cond)` becomes `1` when
/// `:p` is not given and `(cond)` when it is. The same answers, but SQLite can then use an
/// index for `agency = :agency` (an OR with a parameter test makes it scan every report: a
/// second at national scale instead of a millisecond).
fn specialise(sql: &str, given: &[(&str, bool)]) -> String {
    let mut out = sql.to_string();
    for (name, is_given) in given {
        let pattern = format!("({name} IS NULL OR ");
        let mut from = 0;
        while let Some(found) = out[from..].find(&pattern) {
            let start = from + found;
            let mut depth = 0;
            let mut end = None;
            for (i, b) in out.as_bytes()[start..].iter().enumerate() {
                match b {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(start + i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { break };
            let replacement = if *is_given {
                format!("({})", &out[start + pattern.len()..end])
            } else {
                "1".to_string()
            };
            out.replace_range(start..=end, &replacement);
            from = start + replacement.len();
        }
    }
    out
}

impl Store {
    /// Streams every stated cell in the canonical order (see [`ExportFields`]).
    pub fn export(
        &self,
        filter: &ExportFilter,
        mut each: impl FnMut(ExportFields) -> std::io::Result<()>,
    ) -> Result<std::result::Result<(), std::io::Error>> {
        self.export_lines(filter, |line| {
            each(std::array::from_fn(|i| {
                line[i].as_deref().map(str::to_string)
            }))
        })
    }

    /// [`Store::export`] with each line's fields where SQLite holds them (see [`ExportLine`]):
    /// nothing is allocated for a line, which is what the canonical CSV writes at.
    pub fn export_lines(
        &self,
        filter: &ExportFilter,
        mut each: impl FnMut(&ExportLine<'_>) -> std::io::Result<()>,
    ) -> Result<std::result::Result<(), std::io::Error>> {
        use std::borrow::Cow;
        let mut stmt = self.conn.prepare(include_str!("sql/export.sql"))?;
        let mut rows = stmt.query(rusqlite::named_params! {
            ":year": filter.year,
            ":agency": filter.agency,
            ":region": filter.region,
            ":level": filter.level,
            ":full": filter.status,
        })?;
        // The integers' text, one buffer per field, reused from line to line.
        let mut integers: [itoa::Buffer; 11] = std::array::from_fn(|_| itoa::Buffer::new());
        while let Some(r) = rows.next()? {
            let mut line: ExportLine<'_> = Default::default();
            for (i, (slot, digits)) in line.iter_mut().zip(integers.iter_mut()).enumerate() {
                *slot = match r.get_ref(i)? {
                    ValueRef::Null => None,
                    ValueRef::Integer(v) => Some(Cow::Borrowed(digits.format(v))),
                    ValueRef::Text(t) => Some(String::from_utf8_lossy(t)),
                    other => Some(Cow::Owned(format!("{other:?}"))),
                };
            }
            if let Err(e) = each(&line) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    /// The compare view's line for each report an export selects, with the identity's level
    /// after its region code: the comparison sheet of an xlsx export.
    pub fn export_compare(&self, filter: &ExportFilter) -> Result<Rows> {
        let mut stmt = self.conn.prepare(include_str!("sql/export-compare.sql"))?;
        let binds: [(&str, rusqlite::types::Value); 4] = [
            (":year", filter.year.into()),
            (":agency", filter.agency.clone().into()),
            (":region", filter.region.clone().into()),
            (":level", filter.level.clone().into()),
        ];
        for (name, value) in binds {
            let i = stmt.parameter_index(name)?.expect("the SQL names it");
            stmt.raw_bind_parameter(i, value)?;
        }
        collect(&mut stmt, |s| Ok(s.raw_query()))
    }

    /// The most digits after the point of any amount of money stored, and at least 4 (an amount
    /// in 万元 to the yuan): the scale of a decimal column that holds every amount exactly.
    pub fn money_scale(&self) -> Result<u32> {
        let most: Option<i64> = self.conn.query_row(
            "SELECT max(CASE WHEN instr(value, '.') > 0 THEN length(value) - instr(value, '.')
                             ELSE 0 END)
             FROM fact_money",
            [],
            |r| r.get(0),
        )?;
        Ok(u32::try_from(most.unwrap_or(0)).unwrap_or(0).max(4))
    }

    /// Each agency's region code and level by canonical name, as the agencies view has them
    /// (the level as set, else read off the code): what peer groups are drawn by.
    pub fn agency_attributes(&self) -> Result<AgencyAttributes> {
        let mut stmt = self
            .conn
            .prepare("SELECT agency, region_code, level FROM agencies")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs a canned view with the user's filters.
    pub fn run_view(&self, view: &View, params: &QueryParams) -> Result<Rows> {
        let mut stmt = self.view_statement(view, params)?;
        collect(&mut stmt, |s| Ok(s.raw_query()))
    }

    /// Runs a canned view and hands `sink` its column names, then each row as SQLite makes
    /// it: for output that streams, so that a large answer is never held in memory. An error
    /// of the sink (a closed pipe) ends the run and comes back inside.
    pub fn each_view_row(
        &self,
        view: &View,
        params: &QueryParams,
        sink: &mut dyn RowSink,
    ) -> Result<std::io::Result<()>> {
        let mut stmt = self.view_statement(view, params)?;
        stream(&mut stmt, |s| Ok(s.raw_query()), sink)
    }

    /// As [`Store::sql`], row by row (see [`Store::each_view_row`]); nothing is handed over
    /// for a statement that selects nothing.
    /// Runs one ad hoc statement, its rows to `sink`; says what it changed (see [`Changed`]).
    pub fn each_sql_row(
        &self,
        sql: &str,
        sink: &mut dyn RowSink,
    ) -> Result<std::io::Result<Changed>> {
        let before = self.conn.total_changes();
        self.forget_refusal();
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.explain(e))?;
        let writes = !stmt.readonly();
        if stmt.column_count() == 0 {
            stmt.raw_execute().map_err(|e| self.explain(e))?;
        } else {
            match stream(&mut stmt, |s| s.query([]), sink) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Ok(Err(e)),
                Err(Error::Sql(e)) => return Err(self.explain(e)),
                Err(e) => return Err(e),
            }
        }
        Ok(Ok(self.changed(writes, before)))
    }

    /// Runs one ad hoc statement and collects its rows; says what it changed.
    pub fn sql_changing(&self, sql: &str) -> Result<(Rows, Changed)> {
        let before = self.conn.total_changes();
        self.forget_refusal();
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.explain(e))?;
        let writes = !stmt.readonly();
        let rows = match collect(&mut stmt, |s| s.query([])) {
            Err(Error::Sql(e)) => return Err(self.explain(e)),
            other => other?,
        };
        Ok((rows, self.changed(writes, before)))
    }

    fn changed(&self, writes: bool, total_before: u64) -> Changed {
        // sqlite3_changes keeps the count of the last INSERT, UPDATE or DELETE through a
        // CREATE or DROP, which changes no row: the total tells the two apart.
        writes.then(|| {
            if self.conn.total_changes() == total_before {
                0
            } else {
                self.conn.changes()
            }
        })
    }

    /// The rows of the compare view that its median lines are worked out from, for the
    /// years, region and level of `params` (its agency filters are not used): the numbers
    /// and the year only, agency and region blank, in no order (sql/compare-medians.sql).
    pub fn compare_median_rows(&self, params: &QueryParams) -> Result<Rows> {
        let view = super::view_by_name("compare").expect("the compare view exists");
        let params = QueryParams {
            agency: None,
            agencies: None,
            limit: None,
            ..params.clone()
        };
        let mut stmt = self.statement(view, include_str!("sql/compare-medians.sql"), &params)?;
        collect(&mut stmt, |s| Ok(s.raw_query()))
    }

    /// The rows of the compare view that the peer groups of `compare --peers` are drawn from:
    /// the reports of the years of `params` whose agency is of one of `levels` and in one of
    /// `provinces` (the first two digits of the code; None: any), in no order
    /// (sql/compare-peers.sql).
    pub fn compare_peer_rows(
        &self,
        params: &QueryParams,
        levels: Option<&[String]>,
        provinces: Option<&[String]>,
    ) -> Result<Rows> {
        let json = |list: Option<&[String]>| {
            list.map(|l| serde_json::to_string(l).expect("strings serialise"))
        };
        let sql = specialise(
            include_str!("sql/compare-peers.sql"),
            &[
                (":levels", levels.is_some()),
                (":provinces", provinces.is_some()),
                (":from", params.from.is_some()),
                (":to", params.to.is_some()),
            ],
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let binds: [(&str, rusqlite::types::Value); 4] = [
            (":levels", json(levels).into()),
            (":provinces", json(provinces).into()),
            (":from", params.from.into()),
            (":to", params.to.into()),
        ];
        for (name, value) in binds {
            if let Some(i) = stmt.parameter_index(name)? {
                stmt.raw_bind_parameter(i, value)?;
            }
        }
        collect(&mut stmt, |s| Ok(s.raw_query()))
    }

    /// A canned view's statement, specialised to the filters given and bound.
    fn view_statement(&self, view: &View, params: &QueryParams) -> Result<rusqlite::Statement<'_>> {
        let filter;
        let sql = match view.query {
            Some(q) => q,
            None => {
                filter = include_str!("sql/filter.sql").replace("{view}", &view.view);
                filter.as_str()
            }
        };
        self.statement(view, sql, params)
    }

    /// `sql` for `view`, specialised to the filters given and bound.
    fn statement(
        &self,
        view: &View,
        sql: &str,
        params: &QueryParams,
    ) -> Result<rusqlite::Statement<'_>> {
        let given = [
            (":from", params.from.is_some()),
            (":to", params.to.is_some()),
            (":agency", params.agency.is_some()),
            (":agencies", params.agencies.is_some()),
            (":region", params.region.is_some()),
            (":level", params.level.is_some()),
        ];
        let sql = specialise(sql, &given);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| Error::View {
            view: view.name.to_string(),
            message: e.to_string(),
        })?;
        let binds: [(&str, rusqlite::types::Value); 9] = [
            (":from", params.from.into()),
            (":to", params.to.into()),
            (":agency", params.agency.clone().into()),
            (":metric", params.metric.clone().into()),
            (":min_requests", params.min_requests.into()),
            (":agencies", params.agencies.clone().into()),
            (":region", params.region.clone().into()),
            (":level", params.level.clone().into()),
            (":limit", params.limit.unwrap_or(-1).into()),
        ];
        for (name, value) in binds {
            if let Some(i) = stmt.parameter_index(name)? {
                stmt.raw_bind_parameter(i, value)?;
            }
        }
        Ok(stmt)
    }

    /// The database's tables and views (not SQLite's own), each with its columns in order.
    pub fn schema_objects(&self) -> Result<Vec<SchemaObject>> {
        let mut objects: Vec<SchemaObject> = self
            .conn
            .prepare(
                "SELECT name, type FROM sqlite_master
                 WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
            )?
            .query_map([], |r| {
                Ok(SchemaObject {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    columns: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for object in &mut objects {
            object.columns = self
                .conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([&object.name], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(objects)
    }

    /// Runs one ad hoc statement and returns what it selects (nothing for DDL or DML).
    pub fn sql(&self, sql: &str) -> Result<Rows> {
        let mut stmt = self.conn.prepare(sql)?;
        collect(&mut stmt, |s| s.query([]))
    }

    /// Runs one statement with a single positional parameter.
    pub fn sql_with(&self, sql: &str, param: &str) -> Result<Rows> {
        let mut stmt = self.conn.prepare(sql)?;
        collect(&mut stmt, |s| s.query([param]))
    }
}

fn stream<'s>(
    stmt: &'s mut rusqlite::Statement<'_>,
    run: impl FnOnce(&'s mut rusqlite::Statement<'_>) -> rusqlite::Result<rusqlite::Rows<'s>>,
    sink: &mut dyn RowSink,
) -> Result<std::io::Result<()>> {
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let n = columns.len();
    let mut rows = run(stmt).map_err(Error::from_sql)?;
    if let Err(e) = sink.header(&columns) {
        return Ok(Err(e));
    }
    while let Some(r) = rows.next().map_err(Error::from_sql)? {
        if let Err(e) = sink.row(&SqliteRow { row: r, columns: n }) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

fn collect<'s>(
    stmt: &'s mut rusqlite::Statement<'_>,
    run: impl FnOnce(&'s mut rusqlite::Statement<'_>) -> rusqlite::Result<rusqlite::Rows<'s>>,
) -> Result<Rows> {
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let n = columns.len();
    let mut rows = run(stmt).map_err(Error::from_sql)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(Error::from_sql)? {
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(SqlValue::from_ref(r.get_ref(i)?));
        }
        out.push(row);
    }
    Ok(Rows { columns, rows: out })
}

#[cfg(test)]
mod specialise_tests {
    use super::specialise;

    #[test]
    fn filters_not_given_drop_out_and_given_ones_lose_the_null_test() {
        let sql = "WHERE (:from IS NULL OR year >= :from)\n  AND (:agency IS NULL OR agency = :agency)\n  AND (:agencies IS NULL OR agency IN (SELECT value FROM json_each(:agencies)))";
        assert_eq!(
            specialise(
                sql,
                &[(":from", false), (":agency", true), (":agencies", false)]
            ),
            "WHERE 1\n  AND (agency = :agency)\n  AND 1"
        );
        assert_eq!(
            specialise(sql, &[(":agencies", true)]),
            "WHERE (:from IS NULL OR year >= :from)\n  AND (:agency IS NULL OR agency = :agency)\n  AND (agency IN (SELECT value FROM json_each(:agencies)))"
        );
    }
}

/// A table or view of the database, with its columns.
#[derive(Clone, Debug)]
pub struct SchemaObject {
    pub name: String,
    /// `table` or `view`.
    pub kind: String,
    pub columns: Vec<String>,
}

//! `export --format parquet`: the long form as a typed, columnar file, for the tools analysts
//! read data with (DuckDB, pandas, polars, R's arrow, Spark) with no cleaning: years and counts
//! are integers, amounts exact decimals, codes and labels dictionary-encoded strings.
//!
//! Columns, one line per stated cell (the canonical CSV's records, in its order):
//! `agency` (as printed), `year` (int32), `section`, `row`, `column` (the contract's codes),
//! `value` (int64: a count; null for an amount or a blank), `value_money` (decimal128(38, S):
//! an amount in 万元, exactly as printed; S is the most decimals of any amount in the database,
//! at least 4), `section_label`, `row_label`, `column_label` (as the template prints them),
//! `region_code`, `level`, `template` (int32), `source`. A blank cell has both `value` and
//! `value_money` null. Every string column is dictionary-encoded (pandas reads a category).

use super::record::{Number, Record};
use crate::contract::Template;
use crate::layout;
use arrow_array::builder::{
    Decimal128Builder, Int32Builder, Int64Builder, StringDictionaryBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

/// Lines handed to the parquet writer at a time: a bound on what is held besides the row
/// group the writer is filling.
const BATCH: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot write parquet")]
    Parquet(#[from] ParquetError),
    #[error("cannot write parquet")]
    Arrow(#[from] ArrowError),
    #[error("{agency} {year}: the amount {text} has more decimals than the column's {scale}")]
    Scale {
        agency: String,
        year: i64,
        text: String,
        scale: u32,
    },
}

/// The columns, in order (see the module's comment).
pub fn schema(money_scale: u32) -> SchemaRef {
    let dict = || DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let scale = i8::try_from(money_scale).unwrap_or(i8::MAX).min(38);
    Arc::new(Schema::new(vec![
        Field::new("agency", dict(), false),
        Field::new("year", DataType::Int32, false),
        Field::new("section", dict(), false),
        Field::new("row", dict(), false),
        Field::new("column", dict(), false),
        Field::new("value", DataType::Int64, true),
        Field::new("value_money", DataType::Decimal128(38, scale), true),
        Field::new("section_label", dict(), false),
        Field::new("row_label", dict(), false),
        Field::new("column_label", dict(), false),
        Field::new("region_code", dict(), true),
        Field::new("level", dict(), true),
        Field::new("template", DataType::Int32, true),
        Field::new("source", dict(), true),
    ]))
}

type Dict = StringDictionaryBuilder<Int32Type>;

/// A row's and a column's labels as printed.
type Labels = (Cow<'static, str>, Cow<'static, str>);

/// Writes records as they come, a batch at a time.
pub struct Writer<W: Write + Send> {
    out: ArrowWriter<W>,
    schema: SchemaRef,
    scale: u32,
    lines: usize,
    agency: Dict,
    year: Int32Builder,
    section: Dict,
    row: Dict,
    column: Dict,
    value: Int64Builder,
    money: Decimal128Builder,
    section_label: Dict,
    row_label: Dict,
    column_label: Dict,
    region_code: Dict,
    level: Dict,
    template: Int32Builder,
    source: Dict,
    /// Each row's and column's printed label, made once rather than for every line.
    labels: HashMap<(u8, u8, Option<Template>), Labels>,
}

impl<W: Write + Send> Writer<W> {
    pub fn new(out: W, money_scale: u32) -> Result<Writer<W>, Error> {
        let schema = schema(money_scale);
        // Snappy: what pyarrow and Spark write by default, read by every parquet reader, and a
        // small pure-Rust codec to build.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("gov-db {}", env!("CARGO_PKG_VERSION")))
            .build();
        let scale = match schema.field(6).data_type() {
            DataType::Decimal128(_, s) => *s,
            _ => unreachable!("value_money is a decimal"),
        };
        Ok(Writer {
            out: ArrowWriter::try_new(out, schema.clone(), Some(props))?,
            schema,
            scale: u32::try_from(scale).unwrap_or(0),
            lines: 0,
            agency: Dict::new(),
            year: Int32Builder::new(),
            section: Dict::new(),
            row: Dict::new(),
            column: Dict::new(),
            value: Int64Builder::new(),
            money: Decimal128Builder::new().with_precision_and_scale(38, scale)?,
            section_label: Dict::new(),
            row_label: Dict::new(),
            column_label: Dict::new(),
            region_code: Dict::new(),
            level: Dict::new(),
            template: Int32Builder::new(),
            source: Dict::new(),
            labels: HashMap::new(),
        })
    }

    pub fn push(&mut self, r: Record) -> Result<(), Error> {
        let section = r.row.section;
        self.agency.append_value(&r.agency);
        self.year
            .append_value(i32::try_from(r.year).unwrap_or(i32::MAX));
        self.section.append_value(section.code());
        self.row.append_value(r.row.code);
        self.column.append_value(r.col.code);
        match &r.value {
            Some(Number::Count(n)) => {
                self.value.append_value(*n);
                self.money.append_null();
            }
            Some(Number::Money {
                mantissa,
                scale,
                text,
            }) => {
                let exact = self
                    .scale
                    .checked_sub(*scale)
                    .and_then(|up| 10i128.checked_pow(up))
                    .and_then(|factor| mantissa.checked_mul(factor))
                    .ok_or_else(|| Error::Scale {
                        agency: r.agency.clone(),
                        year: r.year,
                        text: text.clone(),
                        scale: self.scale,
                    })?;
                self.value.append_null();
                self.money.append_value(exact);
            }
            None => {
                self.value.append_null();
                self.money.append_null();
            }
        }
        self.section_label.append_value(section.label_zh());
        let (row_label, col_label) = self
            .labels
            .entry((r.row.id, r.col.id, r.template))
            .or_insert_with(|| {
                (
                    layout::row_label(r.row),
                    layout::col_label(r.col, r.template),
                )
            });
        self.row_label.append_value(&**row_label);
        self.column_label.append_value(&**col_label);
        self.region_code.append_option(r.region_code.as_deref());
        self.level.append_option(r.level.as_deref());
        self.template
            .append_option(r.template.map(|t| t.year() as i32));
        self.source.append_option(r.source.as_deref());
        self.lines += 1;
        if self.lines == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        if self.lines == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.agency.finish()),
            Arc::new(self.year.finish()),
            Arc::new(self.section.finish()),
            Arc::new(self.row.finish()),
            Arc::new(self.column.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.money.finish()),
            Arc::new(self.section_label.finish()),
            Arc::new(self.row_label.finish()),
            Arc::new(self.column_label.finish()),
            Arc::new(self.region_code.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.template.finish()),
            Arc::new(self.source.finish()),
        ];
        let batch = RecordBatch::try_new(self.schema.clone(), columns)?;
        self.out.write(&batch)?;
        self.lines = 0;
        Ok(())
    }

    /// Writes what is left and the file's footer; an export of nothing is a valid file with
    /// the columns and no line.
    pub fn finish(mut self) -> Result<(), Error> {
        self.flush()?;
        self.out.close()?;
        Ok(())
    }
}

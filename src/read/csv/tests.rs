//! The canonical CSV reader on small inputs: readings, and every problem named.

use super::*;

fn read_str(text: &str) -> (Vec<Report>, Problems) {
    let mut problems = Problems::default();
    let mut reports = Vec::new();
    read(
        Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
        Path::new("t.csv"),
        &mut problems,
        &mut |r| {
            reports.push(r);
            Ok(())
        },
    )
    .unwrap();
    (reports, problems)
}

#[test]
fn reads_a_small_report() {
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value\n\
         晋江市人民政府,2024,requests,received_new,total,219\n\
         晋江市人民政府,2024,requests,本年新收政府信息公开申请数量,自然人,\n\
         晋江市人民政府,2024,proactive,fees,amount_10k_yuan,1002.3819\n",
    );
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.get("received_new", "total"), Some(&Value::Int(219)));
    assert_eq!(r.get("received_new", "natural_person"), Some(&Value::Blank));
    assert_eq!(
        r.get("fees", "amount_10k_yuan"),
        Some(&Value::Money("1002.3819".into()))
    );
}

#[test]
fn every_problem_is_named() {
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value\n\
         A,2024,requests,received_new,total,-1\n\
         A,20x4,requests,received_new,total,1\n\
         A,2024,requestz,received_new,total,1\n\
         A,2024,requests,bogus,total,1\n\
         A,2024,requests,received_new,total\n\
         A,2024,requests,carried_in,total,abc\n",
    );
    assert!(reports.is_empty());
    let text = problems.to_string();
    for needle in [
        "t.csv:2: column value: -1 is negative",
        "t.csv:3: column year: \"20x4\" is not a year",
        "t.csv:4: column section: unknown section",
        "t.csv:5: column row: unknown row \"bogus\"",
        "t.csv:6: expected 6 fields, found 5",
        "t.csv:7: column value: \"abc\" is not a whole number",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn a_cell_given_twice_with_two_values() {
    let (_, problems) = read_str(
        "agency,year,section,row,column,value\nA,2024,requests,granted,total,1\nA,2024,requests,granted,total,2\n",
    );
    assert!(
        problems
            .to_string()
            .contains("t.csv:3: column value: cell requests/granted/total is given twice"),
        "{problems}"
    );
}

#[test]
fn wrong_header_and_empty_file() {
    let (_, p) = read_str("agency,year,row\n");
    assert!(
        p.to_string().contains("t.csv:1: header field 3 is \"row\""),
        "{p}"
    );
    let (_, p) = read_str("");
    assert!(p.to_string().contains("the file is empty"), "{p}");
}

#[test]
fn optional_fields_are_checked_on_every_line_that_changes_them() {
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value,region_code,template,source\n\
         A,2024,requests,received_new,total,1,350582,2021,x.pdf\n\
         A,2024,requests,carried_in,total,2,350582,2021,x.pdf\n\
         B,2024,requests,received_new,total,3,,2021,\n\
         B,2024,requests,carried_in,total,4,,2021,\n",
    );
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].region_code.as_deref(), Some("350582"));
    assert_eq!(reports[0].source.as_deref(), Some("x.pdf"));
    assert_eq!(reports[0].get("carried_in", "total"), Some(&Value::Int(2)));
    assert_eq!(reports[1].region_code, None);
    assert_eq!(reports[1].get("carried_in", "total"), Some(&Value::Int(4)));
    let (_, problems) = read_str(
        "agency,year,section,row,column,value,template\n\
         A,2024,requests,received_new,total,1,2021\n\
         A,2024,requests,carried_in,total,1,2021\n\
         A,2024,requests,granted,total,1,2019\n\
         A,2024,requests,carried_out,total,0,20x1\n\
         A,2024,requests,total_processed,total,1,20x1\n",
    );
    let text = problems.to_string();
    for needle in [
        "t.csv:4: column template: template 2019 contradicts template 2021",
        "t.csv:5: column template: unknown template \"20x1\"",
        "t.csv:6: column template: unknown template \"20x1\"",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn cells_outside_the_template_are_refused() {
    let (_, p) = read_str(
        "agency,year,section,row,column,value,template\nA,2024,requests,other_misc,total,1,2019\n",
    );
    assert!(
        p.to_string()
            .contains("other_misc/total is not a cell of the 2019 template"),
        "{p}"
    );
}

#[test]
fn values_past_the_ceiling_are_named() {
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value\n\
         A,2024,requests,received_new,total,999999999999\n\
         B,2024,requests,received_new,total,1000000000000\n\
         C,2024,proactive,fees,amount_10k_yuan,1000000000000.5\n\
         D,2024,proactive,fees,amount_10k_yuan,0999999999999.5\n",
    );
    let text = problems.to_string();
    assert_eq!(problems.len(), 2, "{text}");
    assert!(text.contains("t.csv:3: column value: 1000000000000 is more than a cell may hold"));
    assert!(text.contains("t.csv:4: column value: an amount of 13 digits before the point"));
    let names: Vec<&str> = reports.iter().map(|r| r.agency.as_str()).collect();
    assert_eq!(names, ["A", "D"]);
}

#[test]
fn a_note_column_is_read_past_but_a_cell_left_to_fill_is_refused() {
    // A draft's lines: the note says nothing to the reader, whatever it holds...
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value,template,note\n\
         A,2024,requests,received_new,total,219,2021,\n\
         A,2024,requests,carried_in,total,5,2021,not read: 表三 printed 5 6\n\
         A,2024,requests,carried_in,natural_person,5,2021,not read: 表三 printed 5 6\n\
         A,2024,requests,granted,total,,2021,blank in the report\n",
    );
    assert!(problems.is_empty(), "{problems}");
    let r = &reports[0];
    assert_eq!(r.get("carried_in", "natural_person"), Some(&Value::Int(5)));
    assert_eq!(r.get("granted", "total"), Some(&Value::Blank));
    // ...but an empty value under "not read:" is a number nobody filled in, never a blank: the
    // same line after a line that was filled (the fast path) as after any other.
    let (reports, problems) = read_str(
        "agency,year,section,row,column,value,note\n\
         A,2024,requests,carried_in,total,5,not read: 表三 printed 5 6\n\
         A,2024,requests,carried_in,natural_person,,not read: 表三 printed 5 6\n\
         A,2024,requests,carried_in,other_org,,\n",
    );
    assert!(reports.is_empty());
    assert_eq!(problems.len(), 1, "{problems}");
    assert!(
        problems.to_string().contains(
            "t.csv:3: column value: left to fill: the draft could not read this cell (表三 printed 5 6); write the number the report prints, or clear the note to leave the cell blank"
        ),
        "{problems}"
    );
}

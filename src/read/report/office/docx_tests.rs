//! Tests of `docx.rs`: tables as Word holds them, what Word does not show, pictures in the body.

use super::*;
use crate::read::report::html;
use std::io::Write;

/// A `.docx` holding `body` (WordprocessingML inside `w:body`).
pub(crate) fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

fn tokens(page: &crate::read::report::page::Page) -> Vec<(String, String, u32)> {
    page.tokens
        .iter()
        .map(|t| (t.text.clone(), t.origin.to_string(), t.x))
        .collect()
}

#[test]
fn spans_and_merges_read_as_the_same_table_in_html() {
    let body = format!(
        "{}<w:tbl><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}{}</w:tr></w:tbl>{}",
        p("二、主动公开"),
        tc("<w:vMerge w:val=\"restart\"/>", "三"),
        tc("<w:gridSpan w:val=\"2\"/>", "（一）予以公开"),
        tc("", "7"),
        tc("", ""),
        tc("<w:vMerge/>", ""),
        tc("", "1."),
        tc("", "国家秘密"),
        tc("", "0"),
        tc("", "—"),
        p("x")
    );
    let got = read(&docx(&body), Format::Docx).unwrap();
    let want = html::read(
        "<p>二、主动公开</p><table><tr><td rowspan=2>三</td><td colspan=2>（一）予以公开</td><td>7</td><td>&nbsp;</td></tr>\
         <tr><td>1.</td><td>国家秘密</td><td>0</td><td>—</td></tr></table><p>x</p>",
    )
    .unwrap();
    assert_eq!(tokens(&got.page), tokens(&want));
    assert_eq!(got.page.lines, want.lines);
    assert_eq!(got.tables, 1);
    assert_eq!(
        got.page.tokens[3].origin.to_string(),
        "table 1 row 1 cell 3"
    );
}

#[test]
fn what_word_does_not_show_is_not_read() {
    let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
         <w:r><w:t>规章</w:t></w:r><w:del><w:r><w:delText>99</w:delText></w:r></w:del>\
         <w:r><w:instrText>PAGE 12</w:instrText></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>88</w:t></w:r>\
         <w:r><w:tab/><w:t>5 &amp; 6</w:t><w:br/><w:t>&#x4E00;</w:t></w:r></w:p>";
    let got = read(&docx(body), Format::Docx).unwrap();
    assert_eq!(got.page.lines, vec!["规章\t5 & 6", "一"]);
    assert_eq!(got.tables, 0);
}

#[test]
fn a_table_holding_tables_is_layout() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("", "（七）总计"),
        tc("", "23")
    );
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
        p("三、收到和处理")
    );
    let got = read(&docx(&body), Format::Docx).unwrap();
    let want = html::read(
        "<table><tr><td><p>三、收到和处理</p><table><tr><td>（七）总计</td><td>23</td></tr></table></td></tr></table>",
    )
    .unwrap();
    assert_eq!(tokens(&got.page), tokens(&want));
    assert_eq!(got.tables, 1);
}

#[test]
fn grid_before_moves_a_row_right() {
    let body = format!(
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>{}</w:tr></w:tbl>",
        tc("", "5")
    );
    let got = read(&docx(&body), Format::Docx).unwrap();
    assert_eq!(
        tokens(&got.page),
        vec![("5".into(), "table 1 row 1 cell 1".into(), 2)]
    );
}

#[test]
fn pictures_stand_after_their_paragraph_and_external_links_are_not_read() {
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="x/image" Target="media/image1.png"/>
<Relationship Id="rId2" Type="x/image" Target="https://example.cn/a.png" TargetMode="External"/>
<Relationship Id="rId3" Type="x/image" Target="/word/media/image2.jpeg"/></Relationships>"#;
    assert_eq!(
        relationships(rels),
        vec![
            ("rId1".to_string(), "media/image1.png".to_string()),
            ("rId3".to_string(), "/word/media/image2.jpeg".to_string())
        ]
    );
    let body = parse(
        r#"<w:document xmlns:w="w" xmlns:a="a" xmlns:r="r"><w:body>
<w:p><w:r><w:t>三、收到和处理</w:t></w:r><w:r><w:drawing><a:blip r:embed="rId1"/></w:drawing></w:r></w:p>
<w:p><w:r><w:t>四、复议</w:t></w:r></w:p>
<w:p><w:r><w:pict><v:shape xmlns:v="v" xmlns:o="o"><v:imagedata r:id="rId4" o:title=""/></v:shape></w:pict></w:r></w:p>
<w:p><w:r><mc:AlternateContent xmlns:mc="mc"><mc:Choice><w:drawing><a:blip r:embed="rId5"/></w:drawing></mc:Choice><mc:Fallback><w:pict><v:imagedata xmlns:v="v" r:id="rId5"/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>"#
            .as_bytes(),
        "word/document.xml",
    )
    .unwrap();
    let kinds: Vec<String> = body
        .iter()
        .map(|b| match b {
            Block::Para(p) => format!("p {p}"),
            Block::Picture(id) => format!("picture {id}"),
            Block::Table(_) => "table".to_string(),
        })
        .collect();
    assert_eq!(
        kinds,
        // A picture in VML (`v:imagedata`, as Word keeps a metafile pasted from Excel) is one
        // too; a picture's VML fallback beside its drawing is not a second one.
        vec![
            "p 三、收到和处理",
            "picture rId1",
            "p 四、复议",
            "p ",
            "picture rId4",
            "p ",
            "picture rId5"
        ]
    );
}

#[test]
fn nesting_without_end_is_refused() {
    let body = "<w:tbl><w:tr><w:tc>".repeat(400);
    let err = read(&docx(&body), Format::Docx).err().unwrap();
    assert!(matches!(err, OfficeError::TooDeep { .. }), "{err}");
}

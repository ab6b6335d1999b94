//! The page walks as first written, by recursion, kept to check the edge-by-edge walks
//! against: on any page they must give the same lines, tokens, rows and cell text.

use super::*;
use proptest::prelude::*;

fn walk_recursive(w: &mut Walker, node: ElementRef<'_>) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => w.page.text(&t.text),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let layout = name == "table"
                    && child
                        .descendants()
                        .skip(1)
                        .filter_map(ElementRef::wrap)
                        .any(|e| e.value().name() == "table");
                if name == "table" && !layout {
                    w.table(child);
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    w.page.flush();
                }
                walk_recursive(w, child);
                if block {
                    w.page.flush();
                }
            }
            _ => {}
        }
    }
}

fn rows_recursive<'a>(node: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
    for child in node.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "table" => {}
            _ => rows_recursive(child, out),
        }
    }
}

fn cell_text_recursive(node: ElementRef<'_>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.text),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if SKIP.contains(&e.name()) {
                    continue;
                }
                let block = matches!(e.name(), "br" | "p" | "div");
                if block {
                    out.push(' ');
                }
                cell_text_recursive(child, out);
                if block {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// A random page: tables in tables, cells with blocks and skipped elements in them, text
/// with numbers and labels, tags left open and end tags out of place.
fn page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th>",
            "</th>",
            "<td rowspan=2>",
            "<td colspan=3>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<span>",
            "</span>",
            "<script>x=1</script>",
            "<title>",
            "</title>",
            "<ul>",
            "<li>",
            "</ul>",
            "<h1>",
            "</h1>",
            "<select><option>9</select>",
            "<tbody>",
            "<center>",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "（七）总计",
            "23",
            "0",
            "行政复议",
            "1.属于国家秘密",
            " ",
            "\n",
            "—",
            "12 件",
            "x",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_walks_read_what_the_recursive_walks_read(page in page()) {
        let slim = slim(&page).unwrap();
        let doc = Html::parse_document(&slim);
        let (mut a, mut b) = (|_: &str, _: &mut Builder| {}, |_: &str, _: &mut Builder| {});
        let mut new = Walker { page: Builder::new(), on_image: &mut a };
        let mut old = Walker { page: Builder::new(), on_image: &mut b };
        new.walk(doc.root_element());
        walk_recursive(&mut old, doc.root_element());
        let (new, old) = (new.page.finish(), old.page.finish());
        prop_assert_eq!(&new.lines, &old.lines);
        prop_assert_eq!(&new.tokens, &old.tokens);
        for e in doc.root_element().descendants().filter_map(ElementRef::wrap) {
            match e.value().name() {
                "table" => {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    collect_rows(e, &mut a);
                    rows_recursive(e, &mut b);
                    prop_assert_eq!(a, b);
                }
                "td" | "th" => {
                    let (mut a, mut b) = (String::new(), String::new());
                    cell_text(e, &mut a);
                    cell_text_recursive(e, &mut b);
                    prop_assert_eq!(a, b);
                }
                _ => {}
            }
        }
    }
}

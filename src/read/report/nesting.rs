//! How deep a page's elements nest, told from its tags before the HTML parser sees them.
//!
//! At every block tag html5ever looks for a `<p>` to close through its whole stack of open
//! elements, so a page nested N deep takes time in N² (200,000 nested `<div>`: minutes), and
//! the tree it builds is N deep. No published report nests more than a few dozen deep, so a
//! page nested past [`MAX_DEPTH`] is refused before it is parsed, naming the line.
//!
//! The count follows the parser's rules far enough to stay above its depth (see the property
//! test): elements that close when a sibling opens (`p`, `li`, `td`, `tr` …) and void
//! elements are not counted, except in SVG and MathML, where nothing closes itself; an end
//! tag closes what it matches, unless a scope boundary (`table`, `svg` …) stands in between
//! or, for an element the parser gives no rules of its own, any element it does, as the
//! parser then ignores the end tag; and inside `<title>`, `<textarea>` and the like, whose
//! content is text, only their own end tag closes anything.

use std::collections::HashMap;

/// Deeper than this, a page is not a report. Word exports nest about 15 deep.
pub const MAX_DEPTH: usize = 200;

/// A page nested past [`MAX_DEPTH`].
#[derive(Debug, thiserror::Error)]
#[error(
    "elements nested more than {MAX_DEPTH} deep (at line {line}): not a report's page (a published report nests a few dozen deep at most)"
)]
pub struct TooDeep {
    pub line: usize,
}

/// The elements open at a point of the page, as the parser will have them (or more).
#[derive(Default)]
pub struct Nesting {
    open: Vec<Open>,
    /// How many of each element are open: an end tag of one that is not is ignored at once.
    count: HashMap<String, usize>,
    /// Inside an element whose content may be text (`<title>`, `<textarea>` …), until its end
    /// tag: the tags in it still count, as the parser may not take it as text (in a
    /// `<select>`, say), but no other end tag closes anything.
    raw: Option<String>,
    /// The most elements open at once so far, for the tests.
    #[cfg(test)]
    deepest: usize,
}

/// An open element, with what an end tag needs to know of it.
struct Open {
    name: String,
    boundary: bool,
    special: bool,
}

/// Elements that close themselves (or are dropped) when a sibling or their parent's end
/// comes: never more than one or two of them stand between two counted elements.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];
/// An end tag does not close an element outside these.
const BOUNDARY: &[&str] = &[
    "applet",
    "caption",
    "html",
    "table",
    "td",
    "th",
    "marquee",
    "object",
    "template",
    "svg",
    "math",
    "select",
    "foreignobject",
    "desc",
];
/// The elements the parser has rules of its own for (the standard's "special" category): an
/// end tag of any other element is ignored when one of these is open inside it.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

impl Nesting {
    /// A start tag; false when the page is now nested too deep.
    pub fn start(&mut self, name: &str) -> bool {
        if name.starts_with('!') || VOID.contains(&name) {
            return true;
        }
        let foreign = self.open_count("svg") + self.open_count("math") > 0;
        if SELF_CLOSING.contains(&name) && !foreign {
            return true;
        }
        // A heading closes the heading it opens in.
        if HEADINGS.contains(&name)
            && self
                .open
                .last()
                .is_some_and(|e| HEADINGS.contains(&e.name.as_str()))
        {
            self.close_from(self.open.len() - 1);
        }
        if RAW_TEXT.contains(&name) && self.raw.is_none() {
            self.raw = Some(name.to_string());
        }
        *self.count.entry(name.to_string()).or_default() += 1;
        self.open.push(Open {
            name: name.to_string(),
            boundary: BOUNDARY.contains(&name),
            special: SPECIAL.contains(&name),
        });
        #[cfg(test)]
        {
            self.deepest = self.deepest.max(self.open.len());
        }
        self.open.len() <= MAX_DEPTH
    }

    /// An end tag.
    pub fn end(&mut self, name: &str) {
        if let Some(raw) = &self.raw {
            if raw != name {
                return;
            }
            self.raw = None;
        }
        let heading = HEADINGS.contains(&name);
        let open = if heading {
            HEADINGS.iter().map(|h| self.open_count(h)).sum()
        } else {
            self.open_count(name)
        };
        if open == 0 {
            return;
        }
        let special = SPECIAL.contains(&name);
        for i in (0..self.open.len()).rev() {
            let e = &self.open[i];
            if e.name == name || (heading && HEADINGS.contains(&e.name.as_str())) {
                self.close_from(i);
                return;
            }
            if e.boundary || (!special && e.special) {
                return;
            }
        }
    }

    fn open_count(&self, name: &str) -> usize {
        self.count.get(name).copied().unwrap_or(0)
    }

    /// Closes the element at `i` and every one opened in it.
    fn close_from(&mut self, i: usize) {
        for e in self.open.drain(i..) {
            if let Some(n) = self.count.get_mut(&e.name) {
                *n -= 1;
            }
        }
    }

    #[cfg(test)]
    pub fn deepest(&self) -> usize {
        self.deepest
    }
}

#[cfg(test)]
mod tests {
    use super::super::html::slim_counting;
    use super::*;
    use ego_tree::iter::Edge;
    use proptest::prelude::*;

    /// How deep the parser's tree of a page is.
    fn parsed_depth(page: &str) -> usize {
        let doc = scraper::Html::parse_document(page);
        let (mut depth, mut deepest) = (0usize, 0usize);
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Edge::Close(_) => depth -= 1,
            }
        }
        deepest
    }

    fn counted(page: &str) -> (usize, Result<String, TooDeep>) {
        let mut n = Nesting::default();
        let slim = slim_counting(page, &mut n);
        (n.deepest(), slim)
    }

    #[test]
    fn the_real_pages_nest_far_less_than_the_limit() {
        let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for name in [
            "reports/pingtan-2019.html",
            "reports/pingtan-2022.html",
            "reports/pingtan-2024.html",
            "reports/shuyang-fgj-2023.html",
            "shanghai-office-2019.html",
        ] {
            let bytes = std::fs::read(fixtures.join(name)).unwrap();
            let (page, _) = crate::read::encoding::decode(&bytes).unwrap();
            let (deepest, slim) = counted(&page);
            let slim = slim.unwrap();
            assert!(deepest <= MAX_DEPTH / 4, "{name}: {deepest}");
            assert!(parsed_depth(&slim) <= 2 * deepest + 8, "{name}");
        }
    }

    #[test]
    fn deep_pages_are_refused_with_their_line() {
        let page = format!("<p>x</p>\n{}", "<table><tr><td>".repeat(10_000));
        let err = counted(&page).1.unwrap_err();
        assert_eq!(err.line, 2);
        let page = format!("{}x", "<div>".repeat(200_000));
        assert!(counted(&page).1.is_err());
        // Siblings closed as they come are not nesting.
        let page = "<div><p>1</p><p>2<li>3<li>4</div>".repeat(100_000);
        let (deepest, slim) = counted(&page);
        assert!(slim.is_ok() && deepest == 1, "{deepest}");
    }

    /// A random page of the elements whose nesting rules differ: blocks, tables, lists,
    /// elements closed by their siblings, foreign content, text-only elements, unknown ones;
    /// end tags of any of them anywhere.
    fn soup() -> impl Strategy<Value = String> {
        let names = vec![
            "div",
            "table",
            "tr",
            "td",
            "th",
            "tbody",
            "p",
            "li",
            "ul",
            "dd",
            "dl",
            "h1",
            "h2",
            "svg",
            "math",
            "title",
            "textarea",
            "select",
            "option",
            "foo",
            "tt",
            "center",
            "button",
            "form",
            "caption",
            "template",
            "object",
            "section",
            "br",
            "plaintext",
        ];
        prop::collection::vec(
            (any::<bool>(), prop::sample::select(names), any::<bool>()),
            0..400,
        )
        .prop_map(|tags| {
            let mut page = String::new();
            for (end, name, text) in tags {
                page.push('<');
                if end {
                    page.push('/');
                }
                page.push_str(name);
                page.push('>');
                if text {
                    page.push('x');
                }
            }
            page
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The count stays above the parser's depth (within a small factor), so a page
        /// accepted is one the parser builds shallow and fast.
        #[test]
        fn the_count_bounds_the_parsers_depth(page in soup()) {
            let (deepest, slim) = counted(&page);
            if let Ok(slim) = slim {
                let parsed = parsed_depth(&slim);
                prop_assert!(parsed <= 2 * deepest + 8, "parsed {} deep, counted {}", parsed, deepest);
            }
        }
    }
}

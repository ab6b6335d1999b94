use super::*;
use proptest::prelude::*;

#[test]
fn invisible_differences_are_one_name() {
    let name = "淮安市人民政府";
    for variant in [
        "\u{feff}淮安市人民政府",
        "淮安市\u{200b}人民政府",
        "淮安市人民\u{200d}政府\u{200e}",
        "  淮安市人民政府\t",
        "淮安市 人民政府",
        "淮安市\u{3000}人民政府",
        "淮安市\u{a0}人民政府",
        "淮安市人民政府\u{ad}",
    ] {
        assert_eq!(agency_name(variant).as_deref(), Ok(name), "{variant:?}");
    }
}

#[test]
fn full_width_ascii_and_nfd_fold() {
    assert_eq!(
        agency_name("ＸＸ市第１中学（分校）").as_deref(),
        Ok("XX市第1中学(分校)")
    );
    // é as e + combining acute (NFD) and as one character (NFC).
    assert_eq!(agency_name("Cafe\u{301} 局"), agency_name("Caf\u{e9} 局"));
    // A CJK compatibility ideograph is its unified ideograph under NFC.
    assert_eq!(agency_name("\u{f9f1}县").as_deref(), Ok("\u{96a3}县"));
}

#[test]
fn spaces_stay_between_latin_words_only() {
    assert_eq!(
        agency_name("  China   Post  Group 公司 ").as_deref(),
        Ok("China Post Group公司")
    );
}

#[test]
fn controls_empty_and_overlong_names_are_refused() {
    assert_eq!(
        agency_name("淮安\u{0}市"),
        Err(NameError::Control { code: 0, at: 3 })
    );
    assert_eq!(
        agency_name("A\u{85}B").as_deref(),
        Ok("A B"),
        "NEL is white space"
    );
    assert_eq!(
        agency_name("A\u{9f}B"),
        Err(NameError::Control { code: 0x9f, at: 2 })
    );
    assert_eq!(agency_name("\u{200b}\u{feff} "), Err(NameError::Empty));
    assert_eq!(agency_name(&"局".repeat(201)), Err(NameError::TooLong(201)));
    assert_eq!(
        agency_name("淮安\u{0}市").unwrap_err().to_string(),
        "the agency name has a control character U+0000 at character 3 (an invisible byte; remove it)"
    );
}

/// Characters a name may be made of, and invisible ones that may be slipped in.
fn visible() -> impl Strategy<Value = char> {
    prop::sample::select(
        "淮安市人民政府局县ＡＢａ１２AZaz09 ()（）-·é"
            .chars()
            .collect::<Vec<_>>(),
    )
}

fn invisible() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{200e}", " ",
        "\u{3000}", "\t", "\u{a0}",
    ])
}

proptest! {
    /// Normalising is idempotent; format characters slipped in anywhere, and white space at
    /// the ends or next to a wide character, change nothing.
    #[test]
    fn slipped_in_invisibles_change_nothing(
        chars in prop::collection::vec(visible(), 1..12),
        slips in prop::collection::vec((any::<prop::sample::Index>(), invisible()), 0..6),
    ) {
        let clean: String = chars.iter().collect();
        let Ok(want) = agency_name(&clean) else {
            return Ok(());
        };
        let again = agency_name(&want);
        prop_assert_eq!(again.as_deref(), Ok(want.as_str()));
        let mut dirty: Vec<String> = chars.iter().map(char::to_string).collect();
        for (at, s) in &slips {
            let i = at.index(dirty.len() + 1);
            // Wide once folded: full-width ASCII is not.
            let wide = |j: Option<usize>| {
                j.and_then(|j| dirty.get(j))
                    .and_then(|c| c.chars().next())
                    .is_some_and(|c| c.width() == Some(2) && !('\u{FF01}'..='\u{FF5E}').contains(&c))
            };
            let vanishes = i == 0 || i == dirty.len() || wide(i.checked_sub(1)) || wide(Some(i));
            if s.chars().all(char::is_whitespace) && !vanishes {
                continue;
            }
            dirty.insert(i, s.to_string());
        }
        let dirty: String = dirty.concat();
        let got = agency_name(&dirty);
        prop_assert_eq!(got.as_deref(), Ok(want.as_str()), "{:?}", dirty);
    }
}

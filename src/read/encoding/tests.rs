use super::*;

fn gbk(text: &str) -> Vec<u8> {
    GB18030.encode(text).0.into_owned()
}

#[test]
fn gbk_is_detected_and_decoded() {
    let (text, enc) = decode(&gbk("晋江市人民政府,2024")).unwrap();
    assert_eq!(enc, "gb18030");
    assert_eq!(text, "晋江市人民政府,2024");
}

#[test]
fn utf8_with_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("总计".as_bytes());
    assert_eq!(decode(&bytes).unwrap(), ("总计".to_string(), "UTF-8"));
}

#[test]
fn cut_utf8_prefix_is_still_utf8() {
    let bytes = "总计".as_bytes();
    assert_eq!(decide(&bytes[..4], false).0, Enc::Utf8);
}

/// The defect: one stray byte in the first 64 KiB made a UTF-8 file GBK, and every name in
/// it garbled (测试机构 as 娴嬭瘯鏈烘瀯).
#[test]
fn utf8_with_a_stray_byte_is_utf8_with_an_error() {
    let mut bytes = "测试机构,2024\n".repeat(3).into_bytes();
    bytes.insert(3, 0xA0);
    let (enc, ev) = decide(&bytes, true);
    assert_eq!(enc, Enc::Utf8);
    assert_eq!((ev.utf8, ev.not_utf8), (12, 1));
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.line, Some(1));
    assert!(
        err.message
            .starts_with("byte 0xA0 at byte offset 3 is not valid UTF-8, the file's encoding (decided from 12 Chinese characters in UTF-8 against 1 invalid sequence)"),
        "{}",
        err.message
    );
}

#[test]
fn gbk_text_is_gbk_even_where_some_of_it_is_valid_utf8() {
    // 时效 and 业 are valid UTF-8 in GBK (two-byte sequences); the text around them is not.
    let bytes = gbk("时效\n业\n晋江市人民政府政府信息公开工作年度报告\n");
    assert_eq!(decide(&bytes, true).0, Enc::Gb18030);
    assert!(decode(&bytes).is_ok());
}

#[test]
fn lines_that_are_not_the_files_encoding() {
    let utf8 = "淮安市人民政府".as_bytes();
    // A UTF-8 line in a GBK file.
    assert_eq!(
        check_line(Enc::Gb18030, utf8, Strictness::Csv),
        Err(LineFault::Utf8InGbk {
            at: 0,
            damaged: false
        })
    );
    assert_eq!(
        check_line(Enc::Gb18030, utf8, Strictness::Document),
        Err(LineFault::Utf8InGbk {
            at: 0,
            damaged: false
        })
    );
    // GBK that reads as UTF-8 through two-byte characters: ambiguous in a CSV line, GBK in
    // a report's (where short lines like it occur).
    let lucky = gbk("时效");
    assert!(std::str::from_utf8(&lucky).is_ok());
    assert!(check_line(Enc::Gb18030, &lucky, Strictness::Document).is_ok());
    assert_eq!(
        check_line(Enc::Gb18030, &lucky, Strictness::Csv),
        Err(LineFault::Utf8InGbk {
            at: 0,
            damaged: false
        })
    );
    let Err(LineFault::Ambiguous { as_gbk, .. }) = check_line(Enc::Utf8, &lucky, Strictness::Csv)
    else {
        panic!("GBK valid as UTF-8 by chance passed in a UTF-8 CSV line")
    };
    assert_eq!(as_gbk, "时效");
    // A stray 0x80 (the € of code page 936) before a name.
    let mut euro = gbk("某县");
    euro.insert(0, 0x80);
    assert_eq!(
        check_line(Enc::Gb18030, &euro, Strictness::Document),
        Err(LineFault::Invalid {
            at: 0,
            bytes: vec![0x80]
        })
    );
    // A GBK lead byte followed by a comma.
    let mut cut = gbk("某县");
    cut.pop();
    cut.push(b',');
    assert_eq!(
        check_line(Enc::Gb18030, &cut, Strictness::Csv),
        Err(LineFault::Invalid {
            at: 2,
            bytes: vec![0xCF]
        })
    );
    // Latin-1 in a UTF-8 line.
    assert_eq!(
        check_line(Enc::Utf8, b"caf\xe9,1", Strictness::Document),
        Err(LineFault::Invalid {
            at: 3,
            bytes: vec![0xE9]
        })
    );
    assert!(
        check_line(
            Enc::Utf8,
            "Copyright © 2024".as_bytes(),
            Strictness::Document
        )
        .is_ok()
    );
}

/// The brief's reproduction, seen from a GBK file: a UTF-8 line with a stray byte is valid
/// GBK (its bytes pair up anew), and would be stored as 娣畨甯備汉姘戞斂搴湢.
#[test]
fn a_damaged_utf8_line_in_a_gbk_file_is_refused() {
    let mut line = "淮安市人民政府".as_bytes().to_vec();
    line.push(0xA0);
    line.extend_from_slice(b",2024,requests,received_new,total,5");
    assert!(
        GB18030
            .decode_without_bom_handling_and_without_replacement(&line)
            .is_some()
    );
    for strictness in [Strictness::Csv, Strictness::Document] {
        assert_eq!(
            check_line(Enc::Gb18030, &line, strictness),
            Err(LineFault::Utf8InGbk {
                at: 0,
                damaged: true
            })
        );
    }
}

/// GBK that holds two UTF-8 Chinese characters by chance, against two broken runs: GBK (the
/// property test found 验发浙安), while damaged UTF-8 with as many has characters outside
/// GB2312 when read as GBK.
#[test]
fn gbk_with_lucky_utf8_is_gbk() {
    let line = gbk("验发浙安,1990,requests,received_new,total,0");
    let p = Utf8Profile::of(&line);
    assert_eq!((p.cjk, p.invalid_runs), (2, 2));
    assert!(check_line(Enc::Gb18030, &line, Strictness::Csv).is_ok());
}

/// GBK 江平 after a stray 0xE0 is valid UTF-8 in full (Tibetan ཭ and Latin ƽ), and so is
/// GBK 平平 alone: the property test found both stored so from one-line files.
#[test]
fn gbk_that_is_utf8_of_other_scripts_is_ambiguous() {
    let mut line = gbk("江平");
    line.insert(0, 0xE0);
    line.extend_from_slice(b",1990,requests,received_new,total,0");
    assert!(std::str::from_utf8(&line).is_ok());
    assert_eq!(decide(&line, true).0, Enc::Utf8);
    assert!(matches!(
        check_line(Enc::Utf8, &line, Strictness::Csv),
        Err(LineFault::Ambiguous { .. })
    ));
    // And GBK 平平 is UTF-8 ƽƽ (Latin Extended-B) in full, with no stray byte.
    let line = gbk("平平,1990,requests,received_new,total,0");
    assert_eq!(
        std::str::from_utf8(&line).ok(),
        Some("ƽƽ,1990,requests,received_new,total,0")
    );
    assert!(matches!(
        check_line(Enc::Utf8, &line, Strictness::Csv),
        Err(LineFault::Ambiguous { .. })
    ));
}

#[test]
fn a_report_with_a_stray_byte_names_its_line_and_offset() {
    let mut bytes = "标题\n第二行\n表三 自然人 5\n".as_bytes().to_vec();
    let at = "标题\n第二行\n表".len();
    bytes.insert(at, 0xFF);
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(
        err.message
            .contains(&format!("byte 0xFF at byte offset {at} is not valid UTF-8")),
        "{}",
        err.message
    );
}

#[test]
fn utf16_with_a_bom_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "总计 5".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(decode(&bytes).unwrap().0, "总计 5");
}

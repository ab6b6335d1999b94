//! The inference on the issue's names and on names built from the region list itself.

use super::*;

fn index() -> &'static Index {
    Index::bundled()
}

fn at(name: &str) -> Placement {
    infer(index(), name, None)
}

#[track_caller]
fn placed(name: &str, code: &str, level: &str, kind: Kind, parent: Option<&str>) {
    let p = at(name);
    assert_eq!(p.code.as_deref(), Some(code), "{name}: {p:?}");
    assert_eq!(p.level, Some(level), "{name}: {p:?}");
    assert_eq!(p.kind, Some(kind), "{name}: {p:?}");
    assert_eq!(p.parent_code.as_deref(), parent, "{name}: {p:?}");
}

#[test]
fn the_issues_names() {
    placed("晋江市人民政府", "350582", "county", Kind::Government, None);
    placed(
        "淮安市洪泽区人民政府",
        "320813",
        "county",
        Kind::Government,
        None,
    );
    placed(
        "淮安市人民政府",
        "320800",
        "prefecture",
        Kind::Government,
        None,
    );
    placed("平潭综合实验区", "350128", "county", Kind::Government, None);
    placed(
        "平潭综合实验区公安局",
        "350128",
        "county",
        Kind::Department,
        Some("350128"),
    );
    placed(
        "上海市人民政府办公厅",
        "310000",
        "provincial",
        Kind::Department,
        Some("310000"),
    );
    placed(
        "沭阳县发展和改革局",
        "321322",
        "county",
        Kind::Department,
        Some("321322"),
    );
    placed(
        "福建省人民政府",
        "350000",
        "provincial",
        Kind::Government,
        None,
    );
    for central in ["国家发展和改革委员会", "公安部", "国务院办公厅"] {
        let p = at(central);
        assert_eq!(p.kind, Some(Kind::Central), "{central}: {p:?}");
        assert_eq!(p.level, Some("central"));
        assert!(p.code.is_none());
    }
}

#[test]
fn a_township_and_a_former_name() {
    placed(
        "晋江市青阳街道办事处",
        "350582001",
        "township",
        Kind::Government,
        None,
    );
    // 海门市 became 海门区 (320684 → 320614) after the 2020 edition.
    let p = at("海门市人民政府");
    assert_eq!(p.code.as_deref(), Some("320614"), "{p:?}");
    assert_eq!(p.method, "former name");
    assert!(p.evidence[0].contains("320684"), "{p:?}");
    // A name the list still has is that place, whatever code it had before.
    assert_eq!(at("加格达奇区人民政府").code.as_deref(), Some("232761"));
}

#[test]
fn an_ambiguous_district_is_settled_only_by_the_text() {
    let p = at("鼓楼区人民政府");
    assert!(p.code.is_none(), "{p:?}");
    assert_eq!(p.method, "ambiguous");
    assert_eq!(p.candidates.len(), 4, "{p:?}");
    let gl = |text: &str| infer(index(), "鼓楼区人民政府", Some(text));
    let p = gl("依据《福建省政府信息公开办法》，现公布本年度报告。");
    assert_eq!(p.code.as_deref(), Some("350102"), "{p:?}");
    assert_eq!(p.method, "name and text");
    assert!(
        p.evidence
            .iter()
            .any(|e| e.contains("福建省政府信息公开办法")),
        "{p:?}"
    );
    assert_eq!(
        gl("地址：南京市鼓楼区北京西路").code.as_deref(),
        Some("320106")
    );
    assert_eq!(gl("开封市鼓楼区").code.as_deref(), Some("410204"));
    // 江苏 has two: the text narrows the candidates to them and places neither.
    let p = gl("根据江苏省有关规定");
    assert!(p.code.is_none(), "{p:?}");
    assert_eq!(p.candidates.len(), 2, "{p:?}");
    // Two cities named: left to a person.
    assert!(gl("福州市与南京市").code.is_none());
    assert!(gl("无关的文字").code.is_none());
    let cy = |text: &str| infer(index(), "朝阳区人民政府", Some(text)).code;
    assert_eq!(cy("北京市朝阳区"), Some("110105".into()));
    assert_eq!(cy("吉林省长春市"), Some("220104".into()));
    assert_eq!(cy(""), None);
}

#[test]
fn a_misread_name_is_unplaced_with_the_real_place_offered() {
    let p = at("沐阳县发展和改革局");
    assert!(!p.is_placed(), "{p:?}");
    assert_eq!(p.method, "no region");
    // 沭阳县 is one of many X阳县: too many to offer.
    assert!(p.candidates.is_empty(), "{p:?}");
    let p = at("宿千市人民政府");
    assert_eq!(
        p.candidates,
        ["321300 江苏省宿迁市", "341300 安徽省宿州市"],
        "{p:?}"
    );
}

/// Every county of the list, as its government, under its city, and as a department: the
/// right code where its name is the name of one region, unplaced with the candidates where
/// it is several's; never another region's code.
#[test]
fn every_county_of_the_list() {
    let ix = index();
    let mut ambiguous = 0;
    for (i, r) in ix.regions().iter().enumerate() {
        if r.level != Level::County {
            continue;
        }
        let same_name: Vec<usize> = ix.named(&r.name).iter().map(|e| e.region).collect();
        // A name that is also a place's within (金门县's township 金门县), or the name of
        // the city the county is in (嘉峪关市's 嘉峪关市), is the larger of the two.
        let top = same_name
            .iter()
            .copied()
            .find(|&j| ix.is_within(i, j) && same_name.iter().all(|&k| ix.is_within(k, j)));
        let unique = top.is_some();
        let r = ix.region(top.unwrap_or(i));
        for name in [format!("{}人民政府", r.name), format!("{}公安局", r.name)] {
            let p = infer(ix, &name, None);
            if unique {
                assert_eq!(p.code.as_deref(), Some(r.code.as_str()), "{name}: {p:?}");
                assert_eq!(p.level, Some(r.level.as_str()), "{name}: {p:?}");
            } else {
                assert!(p.code.is_none(), "{name}: {p:?}");
                assert!(
                    p.candidates.iter().any(|c| c.starts_with(&r.code)),
                    "{name}: {p:?}"
                );
                ambiguous += 1;
            }
        }
        if let Some(&city) = ix.ancestors(i).first() {
            let name = format!("{}{}人民政府", ix.region(city).name, r.name);
            let p = infer(ix, &name, None);
            // Two counties of one name in one city would stay ambiguous; the list has none.
            assert_eq!(p.code.as_deref(), Some(r.code.as_str()), "{name}: {p:?}");
        }
    }
    assert!(ambiguous > 0);
}

#[test]
fn a_township_name_of_many_keeps_a_few_candidates_and_the_count() {
    let p = at("城关镇人民政府");
    assert!(p.code.is_none(), "{p:?}");
    assert_eq!(p.candidates.len(), 12, "{p:?}");
    assert!(
        p.evidence.iter().any(|e| e.contains("candidates in all")),
        "{p:?}"
    );
    // With its county in the text, it is placed: 尤溪县's 城关镇 (尤溪县 is one county).
    let placed = infer(index(), "城关镇人民政府", Some("地址：三明市尤溪县城关镇"));
    assert_eq!(placed.code.as_deref(), Some("350426100"), "{placed:?}");
    assert_eq!(placed.level, Some("township"));
    assert_eq!(placed.method, "name and text");
}

/// Every county name the list gives to several counties (鼓楼区, 朝阳区, 城区 …): without text
/// unplaced with all of them; with a text naming one's city before the name, placed on that
/// one; with a text naming a province only, placed only where one candidate is in it. Never
/// a candidate other than the one the text names.
#[test]
fn every_ambiguous_county_name_with_and_without_evidence() {
    let ix = index();
    let mut by_name: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, r) in ix.regions().iter().enumerate() {
        if r.level == Level::County {
            by_name.entry(r.name.as_str()).or_default().push(i);
        }
    }
    let mut checked = 0;
    for (name, counties) in by_name.iter().filter(|(_, c)| c.len() > 1) {
        let agency = format!("{name}人民政府");
        let p = infer(ix, &agency, None);
        assert!(p.code.is_none(), "{agency}: {p:?}");
        // Townships of the name elsewhere (山西's 城区 of 昔阳县) are candidates too.
        if p.candidates.len() < 12 {
            for &c in counties {
                let code = &ix.region(c).code;
                assert!(
                    p.candidates
                        .iter()
                        .any(|x| x.starts_with(&format!("{code} "))),
                    "{agency}: {p:?}"
                );
            }
        }
        for &c in counties {
            let ancestors = ix.ancestors(c);
            let city = &ix.region(ancestors[0]).name;
            let p = infer(
                ix,
                &agency,
                Some(&format!("本机关地址：{city}{name}某路1号")),
            );
            assert_eq!(
                p.code.as_deref(),
                Some(ix.region(c).code.as_str()),
                "{agency} in {city}: {p:?}"
            );
            let province = *ancestors.last().unwrap();
            let in_province: Vec<usize> = counties
                .iter()
                .copied()
                .filter(|&o| ix.is_within(o, province))
                .collect();
            let text = format!("依据《{}政府信息公开办法》", ix.region(province).name);
            let p = infer(ix, &agency, Some(&text));
            match in_province.as_slice() {
                [one] => assert_eq!(p.code.as_deref(), Some(ix.region(*one).code.as_str())),
                _ => assert!(p.code.is_none(), "{agency} {text}: {p:?}"),
            }
            checked += 1;
        }
    }
    // 28 names of 64 counties in the 2023 list.
    assert!(checked >= 60, "{checked}");
}

//! 表三's column identities choose among the readings of rows whose cells ran together:
//! 一 + 二 = 三(七) + 四 per column, and (七) = the sum of the outcome rows. A combination is
//! accepted only when it is the one that meets them.

use super::cells::{self, Reading, Slot};
use super::token::Tok;
use super::vocab::{TableError, err};
use crate::contract::{RowDef, Section};

fn int_at(rows: &[Vec<Slot>], r: usize, c: usize) -> Option<i64> {
    rows[r][c].text.as_deref().and_then(super::values::count)
}

/// Picks the one combination of the ambiguous rows' readings that meets 表三's column
/// identities: 一 + 二 = 三(七) + 四, and (七) = the sum of the outcome rows.
pub fn settle(
    readings: &[Reading],
    anchors: &[(&'static RowDef, usize, usize)],
    vals: &[Vec<&Tok>],
) -> Result<Vec<Vec<Slot>>, TableError> {
    let ambiguous: Vec<usize> = (0..readings.len())
        .filter(|i| matches!(readings[*i], Reading::Many(_)))
        .collect();
    let mut rows: Vec<Vec<Slot>> = readings
        .iter()
        .map(|r| match r {
            Reading::One(s) => s.clone(),
            Reading::Many(m) => m[0].clone(),
            Reading::None(_) => Vec::new(),
        })
        .collect();
    if ambiguous.is_empty() {
        return Ok(rows);
    }
    let options: Vec<&Vec<Vec<Slot>>> = ambiguous
        .iter()
        .map(|i| match &readings[*i] {
            Reading::Many(m) => m,
            _ => unreachable!(),
        })
        .collect();
    let combos: usize = options
        .iter()
        .map(|o| o.len())
        .try_fold(1usize, |a, b| a.checked_mul(b))
        .unwrap_or(usize::MAX);
    let describe = |rows_: &[usize]| {
        rows_
            .iter()
            .zip(&options)
            .map(|(i, o)| {
                let list: Vec<String> = o.iter().take(8).map(|r| slots_text(r)).collect();
                format!(
                    "row “{}” printed {} reads as [{}]",
                    anchors[*i].0.label_zh,
                    cells::raw(&vals[*i]),
                    list.join("] or [")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if combos > 200_000 {
        return Err(err(
            Section::Requests,
            None,
            format!("too many ways to cut the digits: {}", describe(&ambiguous)),
        ));
    }
    let defs: Vec<&'static RowDef> = anchors.iter().map(|a| a.0).collect();
    let holds = |rows: &[Vec<Slot>]| columns_hold(&defs, rows);
    let mut found: Option<Vec<usize>> = None;
    let mut count = 0;
    let mut idx = vec![0usize; ambiguous.len()];
    'outer: loop {
        for (k, &r) in ambiguous.iter().enumerate() {
            rows[r] = options[k][idx[k]].clone();
        }
        if holds(&rows) {
            count += 1;
            if count > 1 {
                break;
            }
            found = Some(idx.clone());
        }
        for k in 0..idx.len() {
            idx[k] += 1;
            if idx[k] < options[k].len() {
                continue 'outer;
            }
            idx[k] = 0;
        }
        break;
    }
    match (count, found) {
        (1, Some(idx)) => {
            for (k, &r) in ambiguous.iter().enumerate() {
                rows[r] = options[k][idx[k]].clone();
            }
            Ok(rows)
        }
        (0, _) => Err(err(
            Section::Requests,
            None,
            format!(
                "no reading meets the table's identities: {}",
                describe(&ambiguous)
            ),
        )),
        _ => Err(err(
            Section::Requests,
            None,
            format!(
                "more than one reading meets the table's identities: {}",
                describe(&ambiguous)
            ),
        )),
    }
}

pub fn slots_text(r: &[Slot]) -> String {
    r.iter()
        .map(|s| s.text.clone().unwrap_or_else(|| "(blank)".into()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// 表三's column identities over rows printed as `defs`: 一 + 二 = (七) + 四, and (七) = the
/// sum of the outcome rows. A blank cell leaves its identity unchecked.
pub fn columns_hold(defs: &[&'static RowDef], rows: &[Vec<Slot>]) -> bool {
    let at = |code: &str| defs.iter().position(|d| d.code == code);
    let (Some(rn), Some(ci), Some(tp), Some(co)) = (
        at("received_new"),
        at("carried_in"),
        at("total_processed"),
        at("carried_out"),
    ) else {
        return false;
    };
    // （六） printed both as its line and as its three rows counts once, by its rows.
    let both = defs.iter().any(|d| d.code == "other_misc");
    let outcomes: Vec<usize> = (0..defs.len())
        .filter(|i| !matches!(defs[*i].group, "intake" | "total" | "carry"))
        .filter(|i| !(both && defs[*i].code == "other_processing"))
        .collect();
    (0..7).all(|c| {
        let g = |r| int_at(rows, r, c);
        let flow = match (g(rn), g(ci), g(tp), g(co)) {
            (Some(a), Some(b), Some(t), Some(d)) => a + b == t + d,
            _ => true,
        };
        let parts: Option<Vec<i64>> = outcomes.iter().map(|r| g(*r)).collect();
        let sum = match (g(tp), parts) {
            (Some(t), Some(p)) => p.iter().sum::<i64>() == t,
            _ => true,
        };
        flow && sum
    })
}

//! "Did you mean": the names close to one that matched nothing, so that a misspelt view, rule
//! or agency gets an answer that leads somewhere instead of a bare refusal or no rows.
//!
//! Agency names are Chinese: a name given short (平潭 for 平潭综合实验区) or long (…管委会) is
//! the usual slip, so a name containing the given text, or contained in it, counts as closer
//! than any misspelling; the edit distance (optimal string alignment, so a swapped pair is one
//! slip) catches a wrong or missing character (沐阳 for 沭阳, resolution-rate).

/// At most this many names are offered; more would be a listing, not a suggestion.
pub const SHOWN: usize = 5;

/// How close a candidate is to what was given: smaller is closer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Closeness {
    /// 0: the same but for case or `_`/`-`; 1: the candidate contains the text given;
    /// 2: the text given contains the candidate; 3: a few characters apart.
    tier: u8,
    /// Within a tier: characters added, left out or changed.
    distance: usize,
}

/// Case and `_` against `-` are not worth a distance: `Resolution_Rates` is resolution-rates.
fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace('_', "-")
}

/// Characters that may differ for a candidate to be offered: one in a short name, up to
/// three in a long one.
fn allowed_distance(len: usize) -> usize {
    (len / 4).clamp(1, 3)
}

/// Text normalised once for comparing with many candidates.
pub struct Given {
    text: String,
    len: usize,
}

impl Given {
    pub fn new(given: &str) -> Given {
        let text = normalise(given);
        let len = text.chars().count();
        Given { text, len }
    }

    /// How close `candidate` is, or None when it is not worth offering.
    pub fn closeness(&self, candidate: &str) -> Option<Closeness> {
        // One character says too little to go on.
        if self.len < 2 {
            return None;
        }
        let c = normalise(candidate);
        let c_len = c.chars().count();
        let diff = self.len.abs_diff(c_len);
        let tier = if c == self.text {
            0
        } else if c.contains(&self.text) {
            1
        } else if c_len >= 2 && self.text.contains(&c) {
            2
        } else {
            let allowed = allowed_distance(self.len);
            if diff > allowed {
                return None;
            }
            let d = strsim::osa_distance(&self.text, &c);
            if d > allowed {
                return None;
            }
            return Some(Closeness {
                tier: 3,
                distance: d,
            });
        };
        Some(Closeness {
            tier,
            distance: diff,
        })
    }
}

/// The candidates close to `given`, closest first (then in the candidates' order).
pub fn close<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let g = Given::new(given);
    let mut found: Vec<(Closeness, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| g.closeness(c).map(|k| (k, i, c)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<&str> = Vec::new();
    for (_, _, c) in found {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// `did you mean A?`, `did you mean A or B?`, … with at most [`SHOWN`] names; empty when
/// there is nothing to offer.
pub fn did_you_mean<S: AsRef<str>>(names: &[S]) -> String {
    let shown: Vec<&str> = names.iter().take(SHOWN).map(AsRef::as_ref).collect();
    let more = names.len() - shown.len();
    match (shown.split_last(), more) {
        (None, _) => String::new(),
        (Some((only, [])), 0) => crate::t!("did-you-mean-one", name = only.to_string()),
        (Some((last, rest)), 0) => crate::t!(
            "did-you-mean-some",
            names = rest.join(", "),
            last = last.to_string()
        ),
        (Some(_), n) => crate::t!("did-you-mean-more", names = shown.join(", "), n = n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEWS: [&str; 5] = [
        "resolution-rates",
        "region-totals",
        "ranking",
        "outcomes",
        "outcomes-by-applicant",
    ];

    #[test]
    fn a_missing_or_wrong_character_is_offered() {
        assert_eq!(close("resolution-rate", VIEWS), ["resolution-rates"]);
        assert_eq!(close("rnaking", VIEWS), ["ranking"]);
        assert_eq!(close("Resolution_Rates", VIEWS), ["resolution-rates"]);
        assert_eq!(
            close("row-totals", ["row-total", "outcome-sum", "carry-over"]),
            ["row-total"]
        );
        assert_eq!(
            close(
                "沐阳县发展和改革局",
                ["沭阳县发展和改革局", "晋江市人民政府"]
            ),
            ["沭阳县发展和改革局"]
        );
    }

    #[test]
    fn a_name_containing_the_text_comes_before_a_misspelling() {
        let names = ["平潭综合实验区", "平谭", "晋江市人民政府"];
        assert_eq!(close("平潭", names), ["平潭综合实验区", "平谭"]);
        assert_eq!(close("平潭综合实验区管委会", names), ["平潭综合实验区"]);
        // Contained beats one character apart; shorter containing names first.
        assert_eq!(
            close("outcome", VIEWS),
            ["outcomes", "outcomes-by-applicant"]
        );
    }

    #[test]
    fn nothing_close_is_nothing_offered() {
        assert!(close("无此机关", ["平潭综合实验区", "晋江市人民政府"]).is_empty());
        assert!(close("x", VIEWS).is_empty());
        assert!(close("trend", VIEWS).is_empty());
    }

    #[test]
    fn offers_read_as_a_question() {
        assert_eq!(did_you_mean::<&str>(&[]), "");
        assert_eq!(did_you_mean(&["a"]), "did you mean a?");
        assert_eq!(did_you_mean(&["a", "b", "c"]), "did you mean a, b or c?");
        let many: Vec<String> = (1..=8).map(|i| i.to_string()).collect();
        assert_eq!(
            did_you_mean(&many),
            "did you mean 1, 2, 3, 4, 5 or one of 3 more?"
        );
    }
}

//! Deterministic synthetic national-scale data in the canonical long CSV of the data contract.
//!
//! N agencies × Y years (the Y years ending 2024; years before 2021 use the 2019 template),
//! agency by agency, each agency's years in order. Every report obeys the identities of the
//! contract: per column of 表三 received_new + carried_in = total_processed + carried_out,
//! total = the six applicant columns, total_processed = the outcome rows; per row of 表四
//! upheld + corrected + other + pending = total; this year's carried_in = last year's
//! carried_out; 2021-template in_force = last year's in_force + issued − repealed.
//!
//! Counts are skewed like real ones: agency sizes are log-normal with a few very large
//! agencies, most requests come from natural persons, most outcome cells are zero. About one
//! report in 200 leaves a 表二 cell blank. Shared by `bench/gen.rs` and the fault tests.

#![allow(dead_code)]

use std::io::{self, Write};

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-300);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Binomial(n, p): exact for small n, normal approximation for large.
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        if n == 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if n <= 40 {
            return (0..n).filter(|_| self.unit() < p).count() as u64;
        }
        let mean = n as f64 * p;
        let sd = (mean * (1.0 - p)).sqrt();
        (mean + sd * self.normal()).round().clamp(0.0, n as f64) as u64
    }

    /// Splits n into categories with the given weights (a multinomial draw).
    pub fn split(&mut self, n: u64, weights: &[f64], out: &mut [u64]) {
        let mut left = n;
        let mut rest: f64 = weights.iter().sum();
        for (i, w) in weights.iter().enumerate() {
            if i + 1 == weights.len() {
                out[i] = left;
                break;
            }
            let x = if rest <= 0.0 {
                0
            } else {
                self.binomial(left, (w / rest).min(1.0))
            };
            out[i] = x;
            left -= x;
            rest -= w;
        }
    }
}

const PROVINCES: [&str; 31] = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];

const KINDS: [&str; 8] = [
    "人民政府",
    "人民政府办公室",
    "自然资源局",
    "住房和城乡建设局",
    "公安局",
    "市场监督管理局",
    "生态环境局",
    "人力资源和社会保障局",
];

/// The name of agency `i`: unique, varied in length like real ones.
pub fn agency_name(i: u64) -> String {
    format!(
        "{}模拟{}号{}",
        PROVINCES[(i % 31) as usize],
        i,
        KINDS[((i / 31) % 8) as usize]
    )
}

/// 表三 rows in the 2021 template, with the weight of each outcome row.
const OUTCOMES_2021: [(&str, f64); 22] = [
    ("granted", 0.45),
    ("partly_granted", 0.08),
    ("withheld_state_secret", 0.004),
    ("withheld_law_forbidden", 0.01),
    ("withheld_security_stability", 0.004),
    ("withheld_third_party", 0.02),
    ("withheld_internal_affairs", 0.01),
    ("withheld_process_info", 0.02),
    ("withheld_enforcement_file", 0.005),
    ("withheld_admin_query", 0.01),
    ("unavailable_not_held", 0.18),
    ("unavailable_needs_creation", 0.02),
    ("unavailable_unclear", 0.02),
    ("rejected_petition", 0.03),
    ("rejected_duplicate", 0.03),
    ("rejected_publication", 0.004),
    ("rejected_excessive", 0.006),
    ("rejected_confirmation", 0.01),
    ("other_no_correction", 0.02),
    ("other_unpaid_fee", 0.001),
    ("other_misc", 0.04),
    ("", 0.0),
];

/// The 2019 template: （六）其他处理 is one row.
const OUTCOMES_2019: [(&str, f64); 22] = [
    ("granted", 0.45),
    ("partly_granted", 0.08),
    ("withheld_state_secret", 0.004),
    ("withheld_law_forbidden", 0.01),
    ("withheld_security_stability", 0.004),
    ("withheld_third_party", 0.02),
    ("withheld_internal_affairs", 0.01),
    ("withheld_process_info", 0.02),
    ("withheld_enforcement_file", 0.005),
    ("withheld_admin_query", 0.01),
    ("unavailable_not_held", 0.18),
    ("unavailable_needs_creation", 0.02),
    ("unavailable_unclear", 0.02),
    ("rejected_petition", 0.03),
    ("rejected_duplicate", 0.03),
    ("rejected_publication", 0.004),
    ("rejected_excessive", 0.006),
    ("rejected_confirmation", 0.01),
    ("other_processing", 0.061),
    ("", 0.0),
    ("", 0.0),
    ("", 0.0),
];

const APPLICANTS: [&str; 6] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
];
const APPLICANT_WEIGHTS: [f64; 6] = [0.86, 0.08, 0.004, 0.008, 0.02, 0.028];

/// One agency's state carried from year to year.
struct AgencyState {
    name: String,
    /// Typical new requests a year.
    size: f64,
    carried: [u64; 6],
    rules_in_force: u64,
    normative_in_force: u64,
}

/// Writes the header and N × Y reports; returns the number of data lines.
pub fn generate(agencies: u64, years: u64, seed: u64, out: &mut dyn Write) -> io::Result<u64> {
    out.write_all(b"agency,year,section,row,column,value\n")?;
    let mut rng = Rng::new(seed);
    let first_year = 2024 - years as i64 + 1;
    let mut lines = 0u64;
    let mut buf = String::with_capacity(64 * 1024);
    for i in 0..agencies {
        let mut size = (2.5 + 1.6 * rng.normal()).exp();
        if rng.below(2000) == 0 {
            size *= 100.0;
        }
        let mut st = AgencyState {
            name: agency_name(i),
            size,
            carried: [0; 6],
            rules_in_force: 0,
            normative_in_force: 0,
        };
        let mut init = [0u64; 6];
        let initial = rng_binomial_small(&mut rng, size * 0.03);
        rng.split(initial, &APPLICANT_WEIGHTS, &mut init);
        st.carried = init;
        st.rules_in_force = if rng.below(5) == 0 { rng.below(30) } else { 0 };
        st.normative_in_force = rng.below(40 + (size as u64).min(400));
        for y in 0..years {
            let year = first_year + y as i64;
            buf.clear();
            lines += report(&mut rng, &mut st, year, &mut buf);
            out.write_all(buf.as_bytes())?;
        }
    }
    Ok(lines)
}

fn rng_binomial_small(rng: &mut Rng, mean: f64) -> u64 {
    let n = (mean * 4.0).ceil() as u64;
    rng.binomial(n, 0.25)
}

fn line(buf: &mut String, agency: &str, year: i64, section: &str, row: &str, col: &str, v: &str) {
    use std::fmt::Write as _;
    let _ = writeln!(buf, "{agency},{year},{section},{row},{col},{v}");
}

fn num(buf: &mut String, agency: &str, year: i64, section: &str, row: &str, col: &str, v: i64) {
    use std::fmt::Write as _;
    let _ = writeln!(buf, "{agency},{year},{section},{row},{col},{v}");
}

/// One report's lines into `buf`; returns how many.
fn report(rng: &mut Rng, st: &mut AgencyState, year: i64, buf: &mut String) -> u64 {
    let t2021 = year >= 2021;
    let a = st.name.as_str();
    let mut n = 0u64;
    let blank_at = if rng.below(200) == 0 {
        Some(rng.below(4))
    } else {
        None
    };

    // 表二
    let p = "proactive";
    let scale = (st.size as u64).min(5000);
    if t2021 {
        for (row, in_force, rate) in [
            ("rules", &mut st.rules_in_force, 0.1),
            ("normative_documents", &mut st.normative_in_force, 0.5),
        ] {
            let issued = if rng.unit() < rate { rng.below(8) } else { 0 };
            let repealed = rng.binomial(*in_force, 0.05);
            *in_force = *in_force + issued - repealed;
            num(buf, a, year, p, row, "issued", issued as i64);
            num(buf, a, year, p, row, "repealed", repealed as i64);
            num(buf, a, year, p, row, "in_force", *in_force as i64);
            n += 3;
        }
        for (k, row) in ["licensing", "penalties", "coercive_measures"]
            .iter()
            .enumerate()
        {
            if blank_at == Some(k as u64) {
                line(buf, a, year, p, row, "decisions", "");
            } else {
                let v = rng.below(scale * 20 + 1) / (k as u64 * 3 + 1);
                num(buf, a, year, p, row, "decisions", v as i64);
            }
            n += 1;
        }
        if blank_at == Some(3) {
            line(buf, a, year, p, "fees", "amount_10k_yuan", "");
        } else if rng.below(3) == 0 {
            let amount = format!("{}.{:04}", rng.below(scale * 10 + 1), rng.below(10000));
            line(buf, a, year, p, "fees", "amount_10k_yuan", &amount);
        } else {
            line(buf, a, year, p, "fees", "amount_10k_yuan", "0");
        }
        n += 1;
    } else {
        for (row, total) in [
            ("rules", &mut st.rules_in_force),
            ("normative_documents", &mut st.normative_in_force),
        ] {
            let made = if rng.below(4) == 0 { rng.below(6) } else { 0 };
            *total += made;
            num(buf, a, year, p, row, "made", made as i64);
            num(buf, a, year, p, row, "published", made as i64);
            num(buf, a, year, p, row, "published_total", *total as i64);
            n += 3;
        }
        for (k, row) in [
            "licensing",
            "other_admin_services",
            "penalties",
            "coercive_measures",
        ]
        .iter()
        .enumerate()
        {
            let prior = rng.below(60);
            let change = rng.below(5) as i64 - 2;
            num(buf, a, year, p, row, "prior_items", prior as i64);
            num(buf, a, year, p, row, "change", change);
            if blank_at == Some(k as u64) {
                line(buf, a, year, p, row, "decisions", "");
            } else {
                num(
                    buf,
                    a,
                    year,
                    p,
                    row,
                    "decisions",
                    rng.below(scale * 20 + 1) as i64,
                );
            }
            n += 3;
        }
        num(buf, a, year, p, "fees", "prior_items", rng.below(10) as i64);
        num(buf, a, year, p, "fees", "change", rng.below(3) as i64 - 1);
        num(
            buf,
            a,
            year,
            p,
            "procurement",
            "items",
            rng.below(50) as i64,
        );
        let amount = format!("{}.{:02}", rng.below(scale * 10 + 1), rng.below(100));
        line(buf, a, year, p, "procurement", "amount_10k_yuan", &amount);
        n += 4;
    }

    // 表三, per applicant column.
    let r = "requests";
    let mean = st.size * (0.8 + 0.4 * rng.unit());
    let new_total = rng_binomial_small(rng, mean);
    let mut received = [0u64; 6];
    rng.split(new_total, &APPLICANT_WEIGHTS, &mut received);
    let outcomes = if t2021 {
        &OUTCOMES_2021
    } else {
        &OUTCOMES_2019
    };
    let n_out = outcomes.iter().take_while(|o| !o.0.is_empty()).count();
    let weights: Vec<f64> = outcomes[..n_out].iter().map(|o| o.1).collect();
    // [column][outcome]
    let mut outcome = [[0u64; 22]; 6];
    let mut processed = [0u64; 6];
    let mut carried_out = [0u64; 6];
    for c in 0..6 {
        let avail = received[c] + st.carried[c];
        carried_out[c] = rng.binomial(avail, 0.04);
        processed[c] = avail - carried_out[c];
        rng.split(processed[c], &weights, &mut outcome[c][..n_out]);
    }
    let row_line = |buf: &mut String, row: &str, vals: [u64; 6]| {
        let mut total = 0;
        for (c, v) in vals.iter().enumerate() {
            num(buf, a, year, r, row, APPLICANTS[c], *v as i64);
            total += v;
        }
        num(buf, a, year, r, row, "total", total as i64);
    };
    row_line(buf, "received_new", received);
    row_line(buf, "carried_in", st.carried);
    for (k, (row, _)) in outcomes[..n_out].iter().enumerate() {
        let vals: [u64; 6] = std::array::from_fn(|c| outcome[c][k]);
        row_line(buf, row, vals);
    }
    row_line(buf, "total_processed", processed);
    row_line(buf, "carried_out", carried_out);
    n += 7 * (n_out as u64 + 4);
    st.carried = carried_out;

    // 表四
    let s = "appeals";
    let all: u64 = processed.iter().sum();
    let review = rng.binomial(all, 0.02);
    let direct = rng.binomial(all, 0.01);
    let after = rng.binomial(review, 0.3);
    for (row, cases) in [
        ("admin_review", review),
        ("litigation_direct", direct),
        ("litigation_after_review", after),
    ] {
        let mut parts = [0u64; 4];
        rng.split(cases, &[0.6, 0.1, 0.15, 0.15], &mut parts);
        for (col, v) in ["upheld", "corrected", "other", "pending"]
            .iter()
            .zip(parts)
        {
            num(buf, a, year, s, row, col, v as i64);
        }
        num(buf, a, year, s, row, "total", cases as i64);
        n += 5;
    }
    n
}

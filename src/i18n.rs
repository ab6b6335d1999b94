//! The language gov-db speaks: English or Chinese (中文), chosen once at start from `--lang`,
//! `GOV_DB_LANG` or the locale, and every message a person reads looked up by id in a Project
//! Fluent catalog (`locales/LANG/*.ftl`, embedded in the binary).
//!
//! Why Fluent rather than strings in code: a translator edits one file per language, plurals
//! and variables are the catalog's business (`{ $n -> [one] … *[other] … }`), and a test holds
//! the catalogs to each other and to the code (`tests` below). Call sites use [`t!`]:
//! `t!("error-prefix", message = text)`. The help text of the commands stays in the doc
//! comments in English; in Chinese it is replaced at run time from `locales/zh/help.ftl` (see
//! [`help`]).

pub mod clap_error;
pub mod help;
mod origin;
pub mod wrap;

pub use origin::{origin, origin_in};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `zh-Hans`, `chinese` → Chinese; `en`, `C`, `POSIX`, anything else →
    /// English. None for an empty value (the next source decides).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.is_empty() {
            return None;
        }
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("zh") || lower.starts_with("chinese") {
            Some(Lang::Zh)
        } else {
            Some(Lang::En)
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// The catalogs: one per language, the help text's apart (English help is the doc comments).
pub const EN_MESSAGES: &str = include_str!("../locales/en/gov-db.ftl");
pub const ZH_MESSAGES: &str = include_str!("../locales/zh/gov-db.ftl");
pub const ZH_HELP: &str = include_str!("../locales/zh/help.ftl");

const UNSET: u8 = 0;
static CHOSEN: AtomicU8 = AtomicU8::new(UNSET);

fn encode(lang: Lang) -> u8 {
    match lang {
        Lang::En => 1,
        Lang::Zh => 2,
    }
}

/// The language of this process: set by [`choose`] at start, else the environment's.
pub fn lang() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::Zh,
        _ => {
            // The library's own tests speak English whatever the machine's locale.
            let lang = if cfg!(test) {
                Lang::En
            } else {
                from_env(|k| std::env::var(k).ok())
            };
            CHOSEN.store(encode(lang), Ordering::Relaxed);
            lang
        }
    }
}

/// Sets the language for the rest of the process (the binary's start, and tests).
pub fn set(lang: Lang) {
    CHOSEN.store(encode(lang), Ordering::Relaxed);
}

/// The language from `--lang` on the command line (read before clap, whose help is in it),
/// else from the environment. A `--lang` value clap would refuse is left for clap to refuse.
pub fn choose(args: &[std::ffi::OsString]) -> Lang {
    let lang = from_args(args).unwrap_or_else(|| from_env(|k| std::env::var(k).ok()));
    set(lang);
    lang
}

/// `--lang zh` or `--lang=zh` among the arguments (before a `--` that ends the options).
pub fn from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            return None;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            return match v.as_str() {
                "zh" => Some(Lang::Zh),
                "en" => Some(Lang::En),
                _ => None,
            };
        }
    }
    None
}

/// `GOV_DB_LANG`, else the locale as POSIX reads it for messages: the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set and not empty.
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    for key in ["GOV_DB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(lang) = var(key).as_deref().and_then(Lang::from_tag) {
            return lang;
        }
    }
    Lang::En
}

static LABELS: AtomicBool = AtomicBool::new(false);

/// `--labels`: CSV and JSON headers too are the columns' labels.
pub fn set_labels(on: bool) {
    LABELS.store(on, Ordering::Relaxed);
}

/// The header a person reads for a column named `code`: its label (`col-CODE` in the catalog)
/// in a table or Markdown read in Chinese, and in any format under `--labels`; else the code,
/// which scripts depend on. A column without a label keeps its code.
pub fn column_header(code: &str, readable: bool) -> String {
    let lang = lang();
    let labelled = LABELS.load(Ordering::Relaxed) || (readable && lang == Lang::Zh);
    if !labelled {
        return code.to_string();
    }
    column_label(lang, code).unwrap_or_else(|| code.to_string())
}

/// The label of a column in `lang`, if the catalog has one.
pub fn column_label(lang: Lang, code: &str) -> Option<String> {
    // A code with a space (`to accept`) is looked up with `_` (Fluent ids have no spaces).
    let id = format!("col-{}", code.replace(' ', "_"));
    format(bundle(lang), &id, None)
}

/// What a canned view answers (`gov-db query --list`): its SQL file's header in English,
/// `view-NAME` of locales/zh/help.ftl in Chinese.
pub fn view_summary(name: &str, english: &str) -> String {
    let lang = lang();
    match format(bundle(lang), &format!("view-{name}"), None) {
        Some(text) if lang != Lang::En => text,
        _ => english.to_string(),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle_of(lang: Lang, sources: &[&str]) -> Bundle {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::En => "en-US".parse().expect("a language tag"),
        Lang::Zh => "zh-CN".parse().expect("a language tag"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Fluent wraps each placed value in FSI…PDI (U+2068/U+2069) for right-to-left scripts;
    // neither language here needs them, and they show as garbage in terminals and in CSV.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, errors)| panic!("a catalog does not parse: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("a catalog repeats a message: {errors:?}"));
    }
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static ZH: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| bundle_of(Lang::En, &[EN_MESSAGES])),
        Lang::Zh => ZH.get_or_init(|| bundle_of(Lang::Zh, &[ZH_MESSAGES, ZH_HELP])),
    }
}

/// The message `id` in `lang`, with `args` placed. A message missing in Chinese falls back to
/// English, one missing in both prints its id (the tests keep both from happening).
pub fn message_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    if let Some(text) = format(bundle(lang), id, args) {
        return text;
    }
    if lang != Lang::En
        && let Some(text) = format(bundle(Lang::En), id, args)
    {
        return text;
    }
    id.to_string()
}

/// Whether `lang`'s catalogs have a message `id` (the help's ids among them).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang)
        .get_message(id)
        .and_then(|m| m.value())
        .is_some()
}

fn format(bundle: &Bundle, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
    Some(text.into_owned())
}

/// The message `id` in this process's language.
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    message_in(lang(), id, args)
}

/// `t!(ID)` or `t!(ID, name = value, …)`: the message in this process's language, values
/// being strings or numbers (`path.display().to_string()` for the rest). `t!(in LANG, …)`
/// in another (text that is stored, which stays English).
#[macro_export]
macro_rules! t {
    (in $lang:expr, $id:literal) => {
        $crate::i18n::message_in($lang, $id, None)
    };
    (in $lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), ::fluent_bundle::FluentValue::from($value)); )+
        $crate::i18n::message_in($lang, $id, Some(&args))
    }};
    ($id:literal) => {
        $crate::i18n::message($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), ::fluent_bundle::FluentValue::from($value)); )+
        $crate::i18n::message($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests;

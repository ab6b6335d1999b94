//! Embeds every canned view under `sql/` so that a new view needs a new file there and nothing
//! else.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=migrations");
    let mut names: Vec<String> = fs::read_dir("sql")
        .expect("sql/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    let mut out = String::from("pub static VIEW_FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let stem = n.trim_end_matches(".sql");
        out.push_str(&format!(
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/sql/{n}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("views.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

//! The layers of ARCHITECTURE.md, enforced: every module of `src/` is placed in its table, and
//! none uses (`crate::…`) a module of its own layer or a higher one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The table "Who may import whom": module -> layer.
fn layers(architecture: &str) -> BTreeMap<String, usize> {
    let section = architecture
        .split("## Who may import whom")
        .nth(1)
        .expect("ARCHITECTURE.md has the layer table");
    let mut layers = BTreeMap::new();
    for line in section.lines().take_while(|l| !l.starts_with("## ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|c| c.parse::<usize>().ok()) else {
            continue;
        };
        for module in cells[2].split(',') {
            layers.insert(module.trim().trim_matches('`').to_owned(), layer);
        }
    }
    layers
}

/// Which of our modules the code of one file uses: `crate::NAME`, outside comments and outside
/// its tests.
fn uses(code: &str) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

/// Every top-level module of `src/` and the modules its files use.
fn modules(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap()
                .trim_end_matches(".rs")
                .to_owned();
            // The crate root and the programs sit above every layer.
            if matches!(top.as_str(), "lib" | "main" | "bin") {
                continue;
            }
            let used = uses(&std::fs::read_to_string(&path).unwrap());
            modules.entry(top).or_default().extend(used);
        }
    }
    modules
}

/// Imports that break the table, in words.
fn upward(
    layers: &BTreeMap<String, usize>,
    modules: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut wrong = Vec::new();
    for (module, used) in modules {
        let Some(&at) = layers.get(module) else {
            wrong.push(format!(
                "`{module}` is not placed in ARCHITECTURE.md's layer table"
            ));
            continue;
        };
        for other in used {
            if other == module {
                continue;
            }
            // Items of the crate root (`crate::started`) are not a module.
            let Some(&theirs) = layers.get(other) else {
                if modules.contains_key(other) {
                    wrong.push(format!("`{other}` is not placed in the layer table"));
                }
                continue;
            };
            if theirs >= at {
                wrong.push(format!(
                    "`{module}` (layer {at}) uses `{other}` (layer {theirs}): only lower layers"
                ));
            }
        }
    }
    wrong
}

#[test]
fn no_module_uses_its_own_layer_or_a_higher_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layers = layers(&std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap());
    assert!(layers.len() >= 20, "the table was read: {layers:?}");
    let modules = modules(&root.join("src"));
    assert!(modules.contains_key("ui") && modules["ui"].contains("session"));
    let wrong = upward(&layers, &modules);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_import_upward_a_loop_and_an_unplaced_module_are_each_caught() {
    let layers = layers(
        "## Who may import whom\n| layer | modules |\n|---|---|\n| 0 | `session` |\n| 1 | `ui` |\n",
    );
    let mut modules = BTreeMap::new();
    modules.insert(
        "ui".to_owned(),
        uses("use crate::session::Session;\n// crate::app in a comment\n"),
    );
    modules.insert(
        "session".to_owned(),
        uses("fn f() { crate::ui::show(); }\n#[cfg(test)]\nuse crate::app;"),
    );
    let wrong = upward(&layers, &modules);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("`session` (layer 0) uses `ui` (layer 1)"));
    modules.insert("outbox".to_owned(), BTreeSet::new());
    assert!(
        upward(&layers, &modules)
            .iter()
            .any(|w| w.contains("`outbox` is not placed"))
    );
}

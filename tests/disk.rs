//! A whole visit, printed and sent, writes nothing to disk but the two files in the clinic's
//! hand-off folder: nothing in the home folder, no temporary file left, nothing beside the
//! program. One test in its own binary, because it points HOME and TMPDIR at empty folders.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::{content, tap};
use egui_kittest::Harness;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::navigation::{Channel, Handoff, HandoffState};

/// Every file under `dir` with its size and time of change.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(at) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&at) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                todo.push(path);
            } else {
                out.insert(path, (meta.len(), meta.modified().unwrap()));
            }
        }
    }
    out
}

#[test]
fn a_visit_writes_only_into_the_hand_off_folder() {
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let beside = tempfile::tempdir().unwrap();
    std::env::set_current_dir(beside.path()).unwrap();
    // SAFETY: this binary holds one test, set up before the app starts any thread.
    unsafe {
        std::env::set_var("HOME", home.path());
        std::env::set_var("TMPDIR", tmp.path());
        std::env::set_var("XDG_CONFIG_HOME", home.path().join(".config"));
        std::env::set_var("XDG_DATA_HOME", home.path().join(".local/share"));
    }
    let here = beside.path().to_owned();
    let before = (tree(home.path()), tree(tmp.path()), tree(&here));

    let mut c = content();
    // A printer that takes the file, as CUPS does (it keeps its own copy in its spool).
    c.settings.print_command = Some(vec!["true".into()]);
    c.settings.handoff_folder = Some(folder.path().display().to_string());
    let en = c.language("en").clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(32)
        .build_eframe({
            let c = c.clone();
            move |_cc| App::new(c, &[])
        });
    h.run_ok();
    // Read the whole guide, then take the self-check, print and send.
    tap(&mut h, &en.ui.start);
    for _ in 1..c.flow.screens.len() - 1 {
        h.state_mut().apply(Visit::Next);
        h.run_ok();
    }
    h.state_mut().apply(Visit::StartCheck);
    let steps = common::summary_steps();
    for step in steps {
        h.state_mut().apply(step);
    }
    h.run_ok();
    let words = en.selfcheck.handoff.clone();
    h.state_mut()
        .apply(vein_kiosk::command::JobRequest::PrintAnswers);
    h.step();
    common::wait_for_jobs(&mut h);
    assert_eq!(
        h.state().session().route.handoff(),
        Some(&Handoff::new(Channel::Printer, HandoffState::Done)),
        "{}",
        words.printed
    );
    h.state_mut().apply(Visit::CloseHandoff);
    h.state_mut()
        .apply(vein_kiosk::command::JobRequest::SendToStaff);
    h.step();
    common::wait_for_jobs(&mut h);
    assert_eq!(
        h.state().session().route.handoff(),
        Some(&Handoff::new(Channel::Folder, HandoffState::Done))
    );
    h.state_mut().apply(Visit::FinishCheck);
    h.run_ok();

    let after = (tree(home.path()), tree(tmp.path()), tree(&here));
    let changed = |a: &BTreeMap<PathBuf, _>, b: &BTreeMap<PathBuf, _>| -> Vec<PathBuf> {
        a.iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect()
    };
    assert_eq!(
        changed(&after.0, &before.0),
        Vec::<PathBuf>::new(),
        "nothing in the home folder"
    );
    assert_eq!(
        changed(&after.1, &before.1),
        Vec::<PathBuf>::new(),
        "no temporary file left"
    );
    assert_eq!(
        changed(&after.2, &before.2),
        Vec::<PathBuf>::new(),
        "nothing beside the program"
    );
    assert_eq!(
        std::fs::read_dir(folder.path()).unwrap().count(),
        2,
        "the PDF and the FHIR file"
    );
}

//! After a visit that showed its answer code and sent its answers to the hand-off folder, and
//! then the idle wipe, nothing of the code is left anywhere in the process's memory: searched the
//! way it was found, by reading /proc/self/mem. (Linux; reading one's own memory needs no root.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read as _, Seek as _, SeekFrom};

use common::content;
use egui_kittest::Harness;
use vein_kiosk::app::App;
use vein_kiosk::command::{JobRequest, Visit};

#[global_allocator]
static ALLOCATOR: vein_kiosk::zeroing::ZeroingAllocator = vein_kiosk::zeroing::ZeroingAllocator;

/// A text to look for, kept shifted by one so the test never holds it in plain form itself.
struct Needle(Vec<u8>);

impl Needle {
    fn new(text: String) -> Self {
        Self(text.bytes().map(|b| b.wrapping_add(1)).collect())
        // `text` is dropped here, and the allocator zeroes it.
    }

    fn at(&self, hay: &[u8], i: usize) -> bool {
        self.0
            .iter()
            .enumerate()
            .all(|(k, &b)| hay.get(i + k).is_some_and(|&h| h.wrapping_add(1) == b))
    }
}

/// How many times each needle occurs in the process's writable memory.
fn search(needles: &[Needle]) -> Vec<usize> {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let mut mem = std::fs::File::open("/proc/self/mem").unwrap();
    let mut found = vec![0; needles.len()];
    let mut chunk = vec![0u8; 1 << 20];
    for line in maps.lines() {
        let mut parts = line.split_whitespace();
        let (Some(range), Some(perms)) = (parts.next(), parts.next()) else {
            continue;
        };
        let name = parts.nth(3).unwrap_or("");
        if !perms.starts_with("rw") || name.starts_with("[v") {
            continue;
        }
        let (start, end) = range.split_once('-').unwrap();
        let (start, end) = (
            u64::from_str_radix(start, 16).unwrap(),
            u64::from_str_radix(end, 16).unwrap(),
        );
        let mut at = start;
        while at < end {
            let len = ((end - at) as usize).min(chunk.len());
            chunk.iter_mut().for_each(|b| *b = 0);
            if mem.seek(SeekFrom::Start(at)).is_err() || mem.read_exact(&mut chunk[..len]).is_err()
            {
                break;
            }
            for (n, needle) in needles.iter().enumerate() {
                let first = needle.0[0].wrapping_sub(1);
                for i in 0..len {
                    if chunk[i] == first && needle.at(&chunk[..len], i) {
                        found[n] += 1;
                    }
                }
            }
            // Overlap a little, so a code across two chunks is still found.
            at += (len as u64).saturating_sub(64).max(1);
        }
    }
    chunk.iter_mut().for_each(|b| *b = 0);
    found
}

#[test]
fn nothing_of_the_answer_code_survives_the_wipe() {
    let folder = tempfile::tempdir().unwrap();
    let mut c = content();
    c.settings.handoff_folder = Some(folder.path().display().to_string());
    c.settings.idle_seconds = 60;
    c.settings.warning_seconds = 20;
    let def = c.selfcheck.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
    h.run_ok();
    h.state_mut().apply(Visit::Begin(None));
    h.state_mut().apply(Visit::StartCheck);
    let steps = common::summary_steps();
    for step in steps {
        h.state_mut().apply(step);
    }
    h.run_ok();
    let (compact, grouped) = {
        let answers = h.state().session().route.check().unwrap().flow.answers();
        let code = vein_kiosk::selfcheck::code::encode(&def, answers);
        let grouped = vein_kiosk::selfcheck::code::grouped(&code);
        (Needle::new(code.replace(' ', "")), Needle::new(grouped))
    };
    // The person shows the code to staff, then sends the answers.
    h.state_mut().apply(Visit::ShowCode(true));
    h.run_ok();
    assert!(
        search(&[compact.clone_needle(), grouped.clone_needle()])
            .iter()
            .sum::<usize>()
            > 0,
        "the search finds the code while it is on screen"
    );
    h.state_mut().apply(Visit::ShowCode(false));
    h.state_mut().apply(JobRequest::SendToStaff);
    h.step();
    common::wait_for_jobs(&mut h);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2);
    // Nobody comes back: the idle warning, then the wipe.
    for _ in 0..(85 * 4) {
        h.step();
    }
    assert!(h.state().session().route.is_attract(), "wiped");
    h.run_ok();
    let found = search(&[compact, grouped]);
    assert_eq!(
        found,
        [0, 0],
        "the code (compact, grouped) is still in memory"
    );
}

impl Needle {
    fn clone_needle(&self) -> Self {
        Self(self.0.clone())
    }
}

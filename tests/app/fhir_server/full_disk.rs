//! The outbox's disk is full (a real tmpfs filled to the last byte): "Send to staff" says
//! plainly that the answers could not be sent, gives staff the reason in words, offers the QR
//! code at once and printing after, and works again as soon as there is room. Mounting needs
//! root: `#[ignore]`d, and CI (root) runs it with `--ignored`.

use std::io::Write as _;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use vein_kiosk::navigation::Handoff;

use super::kiosk::{at_summary, content_for, send, shown_reference};
use super::server::Server;
use super::{assert_one_copy, pending};
use crate::common::{self, tap};
use crate::tmpfs::Tmpfs;

/// Writes to `path` until the disk says no.
fn fill(path: &std::path::Path) {
    let mut file = std::fs::File::create(path).unwrap();
    let block = [0u8; 4096];
    while file.write_all(&block).is_ok() {}
    // The last partial block, byte by byte.
    while file.write_all(&[0]).is_ok() {}
    let _ = file.sync_all();
}

#[test]
#[ignore = "needs root: mounts a tmpfs"]
fn a_full_outbox_disk_is_said_plainly_the_code_is_offered_and_nothing_is_half_written() {
    let mount = Tmpfs::mount("size=512k")
        .unwrap_or_else(|e| panic!("cannot mount a small tmpfs (run as root): {e}"));
    let server = Server::start();
    let folder = mount.path().join("outbox");
    let words = common::content().language("en").selfcheck.clone();
    // The kiosk opens its outbox at start; then the disk fills up (logs, another program).
    let mut content = content_for(&server.base, &folder);
    content.settings.printer = Some("front-desk".into()); // the button shows (nothing is printed)
    let mut h = at_summary(content);
    let filler = mount.path().join("filler");
    fill(&filler);

    send(&mut h, "en");
    let handoff = h.state().session().route.handoff();
    let why = match handoff.and_then(Handoff::failure) {
        Some(why) => why.to_owned(),
        None => panic!("not refused: {handoff:?}"),
    };
    assert!(
        h.query_by_label(&words.handoff.send_failed).is_some(),
        "said plainly"
    );
    assert!(
        why.contains("is full") && why.contains(&folder.display().to_string()),
        "the reason names the full disk and where: {why}"
    );
    assert!(
        h.query_all_by_label_contains(&why).next().is_some(),
        "the reason is on the screen for staff"
    );
    let code = h
        .get_all_by_role_and_label(Role::Button, &words.summary.show_to_staff)
        .count();
    assert!(code >= 1, "Show to staff (the QR code) is offered");
    assert_eq!(pending(&folder), 0, "nothing half-written is left to send");
    // Closing the message leaves the summary, with printing and sending there again.
    tap(&mut h, &words.summary.close);
    assert!(
        h.query_by_label(&words.handoff.print).is_some(),
        "printing offered"
    );

    // Room again: the same answers go through, once.
    std::fs::remove_file(&filler).unwrap();
    send(&mut h, "en");
    let (reference, _) = shown_reference(&h);
    super::server::eventually(std::time::Duration::from_secs(30), "delivered", || {
        pending(&folder) == 0
    });
    assert_one_copy(&server, &super::kiosk::identifier(&reference));
}

//! The real `vein-kiosk --kiosk` as the window system sees it (README: "fullscreen, no window
//! decorations, always on top"; "no network"). An Xvfb of its own, and this test as its window
//! manager: it maps the kiosk's window, reads the full-screen and always-on-top requests a window
//! manager is sent and the decorations hint on the window, then begins a visit and pages through
//! the guide with a touch and keys while `strace` watches every socket the kiosk opens. And
//! `vein-kiosk --present --audience-monitor N` on the same kind of X server: where the slides go.
//!
//! Needs Xvfb and strace, so it is ignored in `scripts/test`; `.ci/run` runs it:
//! `cargo test --test kiosk_window -- --ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConfigureWindowAux, ConnectionExt as _, EventMask,
    Window,
};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;

/// Kills a child process when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// The kiosk under strace: killing strace would leave the kiosk running, so the processes strace
/// saw are killed first.
struct Traced(Child, PathBuf);

impl Drop for Traced {
    fn drop(&mut self) {
        let seen = std::fs::read_to_string(&self.1).unwrap_or_default();
        let pids: std::collections::BTreeSet<&str> =
            seen.lines().filter_map(|l| l.split(' ').next()).collect();
        for pid in pids {
            Command::new("kill")
                .args(["-9", pid])
                .stderr(Stdio::null())
                .status()
                .ok();
        }
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn atom(conn: &RustConnection, name: &str) -> Atom {
    conn.intern_atom(false, name.as_bytes())
        .unwrap()
        .reply()
        .unwrap()
        .atom
}

/// Waits, up to `limit`, for `done` to give something.
fn within<T>(limit: Duration, what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(t) = done() {
            return t;
        }
        assert!(start.elapsed() < limit, "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What the kiosk asked of its window manager and said about its window.
#[derive(Default)]
struct Seen {
    window: Option<Window>,
    /// `_NET_WM_STATE` requests: (add?, atom).
    states: Vec<(bool, Atom)>,
}

/// Acts as the window manager for one round of events: maps what asks to be mapped, sizes what
/// asks to be sized, and notes the state requests.
fn manage(conn: &RustConnection, net_wm_state: Atom, seen: &mut Seen) {
    while let Some(event) = conn.poll_for_event().unwrap() {
        match event {
            Event::MapRequest(e) => {
                conn.map_window(e.window).unwrap();
                seen.window.get_or_insert(e.window);
            }
            Event::ConfigureRequest(e) => {
                let aux = ConfigureWindowAux::from_configure_request(&e);
                conn.configure_window(e.window, &aux).unwrap();
            }
            Event::ClientMessage(e) if e.type_ == net_wm_state => {
                let d = e.data.as_data32();
                for a in [d[1], d[2]].into_iter().filter(|a| *a != 0) {
                    seen.states.push((d[0] == 1, a));
                }
            }
            _ => {}
        }
    }
    conn.flush().unwrap();
}

fn title(conn: &RustConnection, window: Window) -> String {
    let reply = conn
        .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 1024)
        .unwrap()
        .reply()
        .unwrap();
    String::from_utf8_lossy(&reply.value).into_owned()
}

/// A visit by hand: a touch begins it (the window's title names the screen shown), then keys page
/// on. Returns the titles shown.
fn visit(
    conn: &RustConnection,
    root: Window,
    window: Window,
    net_wm_state: Atom,
    seen: &mut Seen,
) -> Vec<String> {
    // A visit: a touch begins it (the window title names the screen shown), keys page on.
    let attract = within(
        Duration::from_secs(30),
        "the attract screen is named",
        || {
            manage(conn, net_wm_state, seen);
            let t = title(conn, window);
            t.contains(':').then_some(t)
        },
    );
    let click = |kind: u8, detail: u8| {
        conn.xtest_fake_input(kind, detail, 0, root, 960, 540, 0)
            .unwrap();
        conn.flush().unwrap();
    };
    click(x11rb::protocol::xproto::MOTION_NOTIFY_EVENT, 0);
    click(x11rb::protocol::xproto::BUTTON_PRESS_EVENT, 1);
    click(x11rb::protocol::xproto::BUTTON_RELEASE_EVENT, 1);
    let mut shown = vec![attract.clone()];
    within(Duration::from_secs(30), "the visit begins", || {
        manage(conn, net_wm_state, seen);
        (title(conn, window) != attract).then_some(())
    });
    // Right, then PageDown (Xvfb's keycodes 114 and 117), through every screen of the guide.
    for key in [114_u8, 117].into_iter().cycle().take(16) {
        let before = title(conn, window);
        shown.push(before.clone());
        click(x11rb::protocol::xproto::KEY_PRESS_EVENT, key);
        click(x11rb::protocol::xproto::KEY_RELEASE_EVENT, key);
        let start = Instant::now();
        while title(conn, window) == before && start.elapsed() < Duration::from_secs(5) {
            manage(conn, net_wm_state, seen);
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    shown.dedup();
    shown
}

/// An Xvfb of this test's own (display number `base` + a little, so that tests side by side
/// do not meet) with one screen of `size`: the server, its name, a connection and the root.
fn x_server(base: u32, size: &str) -> (Killed, String, RustConnection, Window) {
    let display = format!(":{}", base + std::process::id() % 30);
    let x = Killed(
        Command::new("Xvfb")
            .args([&display, "-screen", "0", size, "-nolisten", "tcp"])
            .spawn()
            .expect("Xvfb"),
    );
    let (conn, screen) = within(Duration::from_secs(10), "Xvfb answers", || {
        x11rb::connect(Some(&display)).ok()
    });
    let root = conn.setup().roots[screen].root;
    (x, display, conn, root)
}

#[test]
#[ignore = "needs Xvfb and strace; .ci/run runs it"]
fn the_kiosk_window_is_full_screen_undecorated_on_top_and_uses_no_network() {
    let (_x, display, conn, root) = x_server(60, "1920x1080x24");
    let wm = EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY;
    conn.change_window_attributes(root, &ChangeWindowAttributesAux::new().event_mask(wm))
        .unwrap()
        .check()
        .expect("no other window manager");
    let [net_wm_state, above, fullscreen, motif] = [
        "_NET_WM_STATE",
        "_NET_WM_STATE_ABOVE",
        "_NET_WM_STATE_FULLSCREEN",
        "_MOTIF_WM_HINTS",
    ]
    .map(|name| atom(&conn, name));

    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("sockets");
    let _kiosk = Traced(
        Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=socket", "-o"])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_vein-kiosk"))
            .arg("--kiosk")
            .env("DISPLAY", &display)
            .env("HOME", dir.path())
            .env("XDG_RUNTIME_DIR", dir.path())
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("strace"),
        trace.clone(),
    );
    let mut seen = Seen::default();
    let asked = |seen: &Seen, state| seen.states.contains(&(true, state));
    let window = within(
        Duration::from_secs(60),
        "the kiosk asks for its window",
        || {
            manage(&conn, net_wm_state, &mut seen);
            let ready = seen.window.is_some() && asked(&seen, above) && asked(&seen, fullscreen);
            ready.then(|| seen.window.unwrap())
        },
    );
    // Motif hints: flags, functions, decorations, …; flag 2 says the decorations field counts.
    let hints = conn
        .get_property(false, window, motif, AtomEnum::ANY, 0, 5)
        .unwrap()
        .reply()
        .unwrap();
    let hints: Vec<u32> = hints.value32().expect("32-bit hints").collect();
    assert!(
        hints[0] & 2 != 0 && hints[2] == 0,
        "no decorations: {hints:?}"
    );

    let shown = visit(&conn, root, window, net_wm_state, &mut seen);
    assert!(shown.len() > 10, "the guide was paged through: {shown:#?}");

    let sockets = std::fs::read_to_string(&trace).unwrap();
    let network: Vec<&str> = sockets
        .lines()
        .filter(|l| l.contains("socket(") && !l.contains("AF_UNIX"))
        .collect();
    assert!(
        sockets.contains("AF_UNIX"),
        "strace saw the X connection:\n{sockets}"
    );
    assert!(network.is_empty(), "network sockets: {network:#?}");
}

/// A top-level window whose `WM_CLASS` names `class`, once mapped: its place and size on the
/// root window, and its place in the stacking order (higher is nearer the front).
fn mapped_window(
    conn: &RustConnection,
    root: Window,
    class: &str,
) -> Option<(i16, i16, u16, u16, usize)> {
    let tree = conn.query_tree(root).ok()?.reply().ok()?;
    tree.children.iter().enumerate().find_map(|(order, &w)| {
        let class_of = conn
            .get_property(false, w, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 256)
            .ok()?
            .reply()
            .ok()?;
        let named = class_of
            .value
            .split(|b| *b == 0)
            .any(|part| part == class.as_bytes());
        let attributes = conn.get_window_attributes(w).ok()?.reply().ok()?;
        let viewable = attributes.map_state == x11rb::protocol::xproto::MapState::VIEWABLE;
        let g = conn.get_geometry(w).ok()?.reply().ok()?;
        let at = conn
            .translate_coordinates(w, root, 0, 0)
            .ok()?
            .reply()
            .ok()?;
        (named && viewable).then_some((at.dst_x, at.dst_y, g.width, g.height, order))
    })
}

/// `vein-kiosk --present --audience-monitor N` on a real X server with one 1280x800 monitor and
/// no window manager (README, "Monitors"): monitor 1 is the only one, so the slides cover it,
/// in front of the presenter view; a monitor that is not there is said in the log, and the
/// slides open in a window on the right half, beside the presenter view on the left.
#[test]
#[ignore = "needs Xvfb; .ci/run runs it"]
fn presenter_mode_puts_the_slides_on_the_monitor_asked_for_or_says_it_is_not_there() {
    let (_x, display, conn, root) = x_server(30, "1280x800x24");
    for (monitor, slides_expected, warned) in [
        ("1", (0, 0, 1280, 800), false),
        ("2", (640, 0, 632, 355), true),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        let talk = Killed(
            Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
                .args(["--present", "--audience-monitor", monitor])
                .env("DISPLAY", &display)
                .env("HOME", dir.path())
                .env("XDG_RUNTIME_DIR", dir.path())
                .env("RUST_LOG", "info")
                .env_remove("WAYLAND_DISPLAY")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .expect("vein-kiosk --present"),
        );
        let said = || std::fs::read_to_string(&log).unwrap_or_default();
        let (slides, presenter) = within(
            Duration::from_secs(60),
            "both windows are shown at the size asked for",
            || {
                let slides = mapped_window(&conn, root, "vein-kiosk-slides")?;
                let presenter = mapped_window(&conn, root, "vein-kiosk-presenter")?;
                let (x, y, w, h, _) = slides;
                ((x, y, w, h) == slides_expected).then_some((slides, presenter))
            },
        );
        assert!(
            slides.4 > presenter.4,
            "--audience-monitor {monitor}: the slides are in front of the presenter view"
        );
        let log = said();
        let not_there = format!("--audience-monitor {monitor}: there is no such monitor (1 found)");
        if warned {
            assert!(log.contains(&not_there), "the log says so:\n{log}");
            assert_eq!(presenter.0, 0, "the presenter view is on the left half");
            assert!(
                presenter.0 + i16::try_from(presenter.2).unwrap() <= slides.0,
                "side by side"
            );
        } else {
            assert!(log.contains("slides full-screen on monitor 1"), "{log}");
            assert!(!log.contains("no such monitor"), "{log}");
        }
        drop(talk);
    }
}

//! Read aloud reaches the real speech service. Starts a private Speech Dispatcher (Debian
//! packages `speech-dispatcher` and `espeak-ng`) whose only output module writes each message it
//! is given to a text file and has espeak-ng synthesise it into a WAV file, then speaks through
//! the kiosk's own effects seam (`SystemEffects::speak`, SSIP over the service's socket). CI runs
//! it (`cargo test --test speech_service -- --ignored`); it needs the service installed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use vein_kiosk::effects::{Effects, SystemEffects};
use vein_kiosk::speech::Speech;

/// Stops the private service however the test ends.
struct Service(Child);

impl Drop for Service {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn start_service(dir: &Path) -> Service {
    start_service_with(dir, "recorder", "30")
}

/// A private service at `dir/speechd.sock` speaking with `module` (`recorder`, the stand-in
/// above, or `espeak-ng`, the real one as installed), exiting `timeout` seconds after its last
/// client leaves.
fn start_service_with(dir: &Path, module: &str, timeout: &str) -> Service {
    let modules = dir.join("modules");
    std::fs::create_dir_all(&modules).unwrap();
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    let spoken = dir.join("spoken.txt");
    let wav = dir.join("spoken.wav");
    // The generic module runs this for every message: the words to a file, then to audio. With
    // no sound card the audio takes no time, so three short sentences went by in 30 ms and a
    // 10 ms poll of the mark could miss the last one (CI failed once in four runs on "the mark
    // reached the last sentence: [0, 1]"); a quarter second per message, as a voice would take
    // at least, lets the test see each sentence it is told about.
    std::fs::write(
        modules.join("recorder.conf"),
        format!(
            "GenericExecuteSynth \"echo '$LANGUAGE|$DATA' >> {spoken}; espeak-ng -v $LANGUAGE -w {wav} '$DATA'; sleep 0.25\"\n\
             GenericCmdDependency \"espeak-ng\"\n\
             GenericLanguage \"en\" \"en\" \"utf-8\"\n\
             GenericLanguage \"es\" \"es\" \"utf-8\"\n\
             AddVoice \"en\" \"MALE1\" \"en\"\n\
             AddVoice \"es\" \"MALE1\" \"es\"\n",
            spoken = spoken.display(),
            wav = wav.display(),
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("speechd.conf"),
        format!(
            "LogLevel 4\nLogDir \"{logs}\"\nAudioOutputMethod \"alsa\"\nAudioALSADevice \"null\"\nAddModule \"recorder\" \"sd_generic\" \"recorder.conf\"\n\
             DefaultLanguage \"en\"\n",
            logs = dir.join("logs").display()
        ),
    )
    .unwrap();
    std::fs::copy(
        "/etc/speech-dispatcher/modules/espeak-ng.conf",
        modules.join("espeak-ng.conf"),
    )
    .ok();
    let config = std::fs::read_to_string(dir.join("speechd.conf")).unwrap();
    std::fs::write(
        dir.join("speechd.conf"),
        format!(
            "{config}AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nDefaultModule {module}\n"
        ),
    )
    .unwrap();
    std::fs::remove_file(dir.join("speechd.sock")).ok();
    let child = Command::new("speech-dispatcher")
        .args(["--run-single", "--communication-method", "unix_socket"])
        .arg("--socket-path")
        .arg(dir.join("speechd.sock"))
        .arg("--config-dir")
        .arg(dir)
        .args(["--timeout", timeout, "--log-level", "4"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("speech-dispatcher is installed (Debian: speech-dispatcher espeak-ng)");
    let service = Service(child);
    let start = Instant::now();
    while !dir.join("speechd.sock").exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the service never started"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    service
}

#[test]
#[ignore = "needs Speech Dispatcher and espeak-ng installed (CI installs them)"]
fn an_utterance_reaches_speech_dispatcher_and_espeak_ng_speaks_it() {
    let dir = std::env::temp_dir().join(format!("vein-kiosk-speech-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    let _service = start_service(&dir);
    // How Speech Dispatcher's own clients are pointed at a service.
    // SAFETY: this test binary has this one test, and sets the variable before any thread reads it.
    unsafe {
        std::env::set_var(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", dir.join("speechd.sock").display()),
        );
    }
    let content = vein_kiosk::content::Content::built_in().unwrap();
    let route = vein_kiosk::session::Session::new(&content, 0.0).route;
    let words = vein_kiosk::speech::utterances(&content, content.language("es"), &route);
    let speech = Speech {
        seq: 1,
        language: "es".into(),
        voice: Default::default(),
        utterances: words[..1].to_vec(),
    };
    let started = Instant::now();
    SystemEffects
        .speak(&speech)
        .expect("the service takes the words");
    let handed_over = started.elapsed();
    let spoken = dir.join("spoken.txt");
    let wav = dir.join("spoken.wav");
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(&spoken).unwrap_or_default();
        let audio = std::fs::metadata(&wav).map(|m| m.len()).unwrap_or(0);
        if text.contains(&words[0]) && audio > 1000 {
            println!(
                "handed over in {handed_over:?}; the service's module got {:?}; espeak-ng wrote {audio} bytes of audio",
                text.trim()
            );
            assert!(text.starts_with("es|"), "in Spanish: {text}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "nothing reached the service: {text:?}, {audio} bytes"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Stopping works too.
    SystemEffects.stop_speaking(2).unwrap();
    assert_eq!(
        SystemEffects.reading(),
        None,
        "nothing is marked once stopped"
    );

    the_mark_follows_the_voice(&spoken);
    staff_see_the_voices(&dir);
    drop(_service);
    the_end_of_a_visit_leaves_nothing_in_espeak_ng(&dir);
    std::fs::remove_dir_all(&dir).ok();
}

/// Several sentences: the service's begin and end notices move the mark from one to the next, and
/// it goes when the last has been said.
fn the_mark_follows_the_voice(spoken: &Path) {
    let sentences: Vec<String> = ["Uno.", "Dos.", "Tres."].map(String::from).to_vec();
    let speech = Speech {
        seq: 3,
        language: "es".into(),
        voice: Default::default(),
        utterances: sentences.clone(),
    };
    SystemEffects.speak(&speech).unwrap();
    let mut seen = Vec::new();
    let start = Instant::now();
    loop {
        match SystemEffects.reading() {
            Some(r) => {
                assert_eq!(r.seq, 3);
                if seen.last() != Some(&r.index) {
                    seen.push(r.index);
                }
            }
            None if !seen.is_empty() => break,
            None => {}
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the mark never left: {seen:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    println!(
        "the mark went through sentences {seen:?} in {:?}",
        start.elapsed()
    );
    assert_eq!(seen.first(), Some(&0));
    assert_eq!(
        seen.last(),
        Some(&2),
        "the mark reached the last sentence: {seen:?}"
    );
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in order: {seen:?}");
    let text = std::fs::read_to_string(spoken).unwrap();
    for s in &sentences {
        assert!(text.contains(s.as_str()), "{s} was said: {text}");
    }
}

/// Staff's voice list: the service's voices for both languages, through the real binary.
fn staff_see_the_voices(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("voices")
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", dir.join("speechd.sock").display()),
        )
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    println!(
        "vein-kiosk voices:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{report}");
    assert!(report.contains("en (English): 1 voice(s)"), "{report}");
    assert!(report.contains("es (Español): 1 voice(s)"), "{report}");
}

/// The service's process and its module processes (their parent is the service).
fn service_processes(service: u32) -> Vec<(u32, String)> {
    let mut found = vec![(service, "speech-dispatcher".to_owned())];
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // "pid (comm) state ppid ...": the parent comes after the name's closing bracket.
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if parent == Some(service) {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            found.push((pid, name.trim().to_owned()));
        }
    }
    found
}

/// How many times any two-word piece of `sentence` (as UTF-8, and as UTF-32 as Speech Dispatcher
/// holds text it has converted) is in the writable memory of process `pid`.
fn pieces_in_memory(pid: u32, sentence: &str) -> usize {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut needles: Vec<Vec<u8>> = Vec::new();
    for pair in words.windows(2).step_by(2) {
        let piece = pair.join(" ");
        needles.push(piece.as_bytes().to_vec());
        needles.push(
            piece
                .chars()
                .flat_map(|c| (c as u32).to_le_bytes())
                .collect(),
        );
    }
    let Ok(maps) = std::fs::read_to_string(format!("/proc/{pid}/maps")) else {
        return 0;
    };
    let Ok(mut mem) = std::fs::File::open(format!("/proc/{pid}/mem")) else {
        return 0;
    };
    let mut hits = 0;
    for line in maps.lines() {
        let mut parts = line.split_whitespace();
        let (Some(range), Some(perms)) = (parts.next(), parts.next()) else {
            continue;
        };
        if !perms.starts_with("rw") {
            continue;
        }
        let (start, end) = range.split_once('-').unwrap();
        let start = u64::from_str_radix(start, 16).unwrap();
        let end = u64::from_str_radix(end, 16).unwrap();
        let mut region = vec![0_u8; (end - start) as usize];
        if mem.seek(SeekFrom::Start(start)).is_err() || mem.read_exact(&mut region).is_err() {
            continue;
        }
        for needle in &needles {
            hits += region.windows(needle.len()).filter(|w| w == needle).count();
        }
    }
    hits
}

/// The end of a visit against the real espeak-ng module: the sentence said last is in the
/// memory of Speech Dispatcher and of its espeak-ng module a minute later unless the service
/// exits; at the wipe the kiosk drops every queued message and hangs up, so a service started
/// for the kiosk (which exits 5 s after its last client, by default) takes the words with it.
/// Also: staff's voice list from espeak-ng, thousands of voices.
fn the_end_of_a_visit_leaves_nothing_in_espeak_ng(dir: &Path) {
    let mut service = start_service_with(dir, "espeak-ng", "5");
    let out = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("voices")
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", dir.join("speechd.sock").display()),
        )
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let count = |code: &str| {
        report
            .lines()
            .find(|l| l.starts_with(code))
            .and_then(|l| l.split(": ").nth(1))
            .and_then(|n| n.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    println!(
        "espeak-ng's voices: {} for en, {} for es ({})",
        count("en "),
        count("es "),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    assert!(out.status.success());
    assert!(count("en ") > 10, "{report}");

    let sentence = "Zebra quartz: both legs ache most days, and the left ankle swells by evening.";
    let said = |seq| {
        let speech = Speech {
            seq,
            language: "en".into(),
            voice: Default::default(),
            utterances: vec![sentence.to_owned()],
        };
        SystemEffects
            .speak(&speech)
            .expect("the service takes the words");
        std::thread::sleep(Duration::from_secs(6));
    };
    let look = |service: u32| -> Vec<(String, usize)> {
        service_processes(service)
            .into_iter()
            .map(|(pid, name)| (name, pieces_in_memory(pid, sentence)))
            .collect()
    };
    // With another client keeping the service running, what stays after the wipe.
    let mut other = std::os::unix::net::UnixStream::connect(dir.join("speechd.sock")).unwrap();
    std::io::Write::write_all(&mut other, b"SET self CLIENT_NAME other:other:main\r\n").unwrap();
    said(10);
    let before = look(service.0.id());
    SystemEffects.forget_speech(11).unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let kept = look(service.0.id());
    println!("the sentence's pieces in memory 6 s after it was said: {before:?}");
    println!("3 s after the wipe, with another client keeping the service: {kept:?}");
    assert!(
        before.iter().map(|(_, n)| n).sum::<usize>() > 0,
        "the search finds the words while they are there: {before:?}"
    );
    drop(other);
    // No other client: the service and its module exit, and the words with them.
    said(12);
    SystemEffects.forget_speech(13).unwrap();
    let start = Instant::now();
    let gone = loop {
        if service.0.try_wait().unwrap().is_some() {
            break start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the service is still running 15 s after the wipe: {:?}",
            look(service.0.id())
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let modules_left: Vec<_> = service_processes(service.0.id())
        .into_iter()
        .skip(1)
        .collect();
    println!(
        "without other clients, the service exited {gone:?} after the wipe; left: {modules_left:?}"
    );
    assert!(modules_left.is_empty(), "{modules_left:?}");
}

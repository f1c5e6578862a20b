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
    let modules = dir.join("modules");
    std::fs::create_dir_all(&modules).unwrap();
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    let spoken = dir.join("spoken.txt");
    let wav = dir.join("spoken.wav");
    // The generic module runs this for every message: the words to a file, then to audio.
    std::fs::write(
        modules.join("recorder.conf"),
        format!(
            "GenericExecuteSynth \"echo '$LANGUAGE|$DATA' >> {spoken}; espeak-ng -v $LANGUAGE -w {wav} '$DATA'\"\n\
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
             DefaultModule recorder\nDefaultLanguage \"en\"\n",
            logs = dir.join("logs").display()
        ),
    )
    .unwrap();
    let child = Command::new("speech-dispatcher")
        .args(["--run-single", "--communication-method", "unix_socket"])
        .arg("--socket-path")
        .arg(dir.join("speechd.sock"))
        .arg("--config-dir")
        .arg(dir)
        .args(["--timeout", "30", "--log-level", "4"])
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

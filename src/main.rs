//! Command line: run the kiosk, or one of the staff and editor tools.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vein_kiosk::app::App;
use vein_kiosk::content::Content;

mod tools;

use tools::{
    bundle_tool, check, decode, fhir_questionnaire, fhir_tool, handout, jwks, print_problems,
    set_pin, voices, with_content, write_file,
};

/// A touch-first kiosk that teaches patients about chronic venous insufficiency.
#[derive(Parser)]
#[command(name = "vein-kiosk", version, about)]
struct Cli {
    /// Fill the screen instead of opening a 1280x800 window.
    #[arg(long)]
    fullscreen: bool,
    /// Waiting-room kiosk: fullscreen and locked, attract screen, idle reset, staff menu.
    #[arg(long)]
    kiosk: bool,
    /// Give a talk: the guide as slides in one window, the presenter view (notes, next slide,
    /// time) in another. See "Giving a talk" in the README.
    #[arg(long, conflicts_with_all = ["kiosk", "fullscreen"])]
    present: bool,
    /// Presenter mode: the language of the slides and of the notes (a code such as en or es).
    #[arg(long = "lang", value_name = "CODE", requires = "present")]
    present_lang: Option<String>,
    /// Presenter mode: put the slides full-screen on this monitor (1 is the first the system
    /// lists; the log names them all).
    #[arg(long, value_name = "N", requires = "present", value_parser = clap::value_parser!(u16).range(1..))]
    audience_monitor: Option<u16>,
    /// Settings file to use instead of the content's settings.ron.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Use a clinic's own content folder instead of the built-in content.
    #[arg(long, value_name = "DIR", global = true)]
    content: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Tool>,
}

/// Files staff can ask for; each is written only when its option is given.
#[derive(clap::Args)]
struct Outputs {
    /// Write the printable summary: the patient's copy in their language, plus a staff copy in
    /// the clinic's language when that differs.
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// Write the answers as an HL7 FHIR R4 QuestionnaireResponse (texts in the clinic's language).
    #[arg(long, value_name = "OUT.json")]
    fhir: Option<PathBuf>,
    /// Write the answer code as a QR code image.
    #[arg(long, value_name = "OUT.png")]
    qr: Option<PathBuf>,
}

impl Outputs {
    fn any(&self) -> bool {
        self.pdf.is_some() || self.fhir.is_some() || self.qr.is_some()
    }
}

#[derive(Subcommand)]
enum Tool {
    /// Check content for problems; prints all of them and exits non-zero if there are any.
    Check {
        /// Content folder to check (default: the built-in content).
        dir: Option<PathBuf>,
    },
    /// Print all the text a patient reads, screen by screen.
    Text {
        /// Only this language (a code such as en or es).
        #[arg(long)]
        lang: Option<String>,
        /// Only this screen (an id from flow.ron).
        #[arg(long)]
        screen: Option<String>,
        /// The speaker notes for presenter mode instead (what to say, key facts and sources, a
        /// question for the room, a patient's question and its answer).
        #[arg(long)]
        notes: bool,
    },
    /// Print the self-check summary for an answers file: the same text the screen shows.
    Selfcheck {
        /// A RON answers file (see tests/fixtures/answers-*.ron).
        #[arg(long, value_name = "FILE.ron")]
        answers: PathBuf,
        /// Language of the summary (default: the content's default language).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Staff: print the summary a patient's code holds (the code as argument, or typed or scanned
    /// on standard input).
    Decode {
        /// The code from the kiosk's "Show to staff" screen (VK1-…).
        code: Option<String>,
        /// Language of the summary (default: the content's default language).
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        out: Outputs,
    },
    /// Staff: make the printable PDF, the FHIR file and the QR code from an answers file, as the
    /// kiosk would.
    Handout {
        /// A RON answers file (see tests/fixtures/answers-*.ron).
        #[arg(long, value_name = "FILE.ron")]
        answers: PathBuf,
        /// The language the patient used (default: the content's default language).
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        out: Outputs,
    },
    /// Make the take-home leaflet as a PDF (key points, when to get help with the emergency
    /// number and the clinic's phone, bleeding first aid, daily care, questions to ask). It holds
    /// no patient data; the kiosk prints the same leaflet from Key points.
    Leaflet {
        /// Language of the leaflet (default: the content's default language).
        #[arg(long)]
        lang: Option<String>,
        /// Where to write the PDF.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: PathBuf,
    },
    /// Print the self-check as an HL7 FHIR R4 Questionnaire (JSON).
    FhirQuestionnaire {
        /// Language of the question texts (default: the content's default language).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Read aloud: asks the speech service which voices it offers for each of the content's
    /// languages, and whether the voices settings.ron chooses are among them.
    Voices,
    /// Signed content bundles for a clinic group: publish and verify.
    #[command(flatten)]
    Bundle(BundleTool),
    /// Staff: the FHIR outbox of the kiosk set up by --config: counts, ages, references and
    /// reasons (never the answers).
    Outbox {
        /// Put every dead letter back in the queue, to be sent again.
        #[arg(long)]
        retry_dead: bool,
    },
    /// Staff: every kiosk that reports to the FHIR server of --config, one line each (last seen,
    /// versions, outbox depth, dead letters); kiosks silent for three status periods flagged.
    Fleet,
    /// IT: the public JWK Set of the SMART Backend Services key in --config, to register with
    /// the FHIR server's authorization service (the private key never leaves the kiosk).
    Jwks,
    /// Set the staff PIN: reads it from standard input and writes its Argon2 hash into the
    /// settings file (the --config FILE, or DIR/settings.ron of --content).
    SetPin,
}

/// The bundle tools, by name at the top level (`vein-kiosk publish`, `vein-kiosk verify`).
#[derive(Subcommand)]
enum BundleTool {
    /// Clinic group: check a content folder and write it as a signed bundle for kiosks to pull
    /// (see "Content for a clinic group" in the README). The key's password is asked for, or read
    /// from VEIN_KIOSK_KEY_PASSWORD.
    Publish {
        /// The content folder (its settings.ron, or --config, is used to check it and never
        /// published).
        content_dir: PathBuf,
        /// Where to write the bundle (a new folder; serve it as it is).
        out_dir: PathBuf,
        /// The content version: one more than the last one published.
        #[arg(long)]
        version: u64,
        /// The last day kiosks may take this bundle (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: Option<String>,
        /// A minisign secret key (made with `minisign -G`).
        #[arg(long, value_name = "FILE")]
        secret_key: PathBuf,
    },
    /// Say whether the kiosk set up by --config would take the bundle at SOURCE (a URL or a
    /// folder), and if not, why. Exit status 0 only when it would.
    Verify {
        /// http(s):// or file:// address, or a folder.
        source: String,
    },
}

/// Freed memory is zeroed, so nothing of a visitor's answers outlives the buffers that held them.
#[global_allocator]
static ALLOCATOR: vein_kiosk::zeroing::ZeroingAllocator = vein_kiosk::zeroing::ZeroingAllocator;

fn main() -> ExitCode {
    vein_kiosk::started();
    // Run-time events go to standard error one line each (a service's journal keeps them);
    // RUST_LOG=debug shows more, RUST_LOG=off nothing. No line ever holds a visitor's answer.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    match cli.command {
        None if cli.present => vein_kiosk::app::present::run(
            cli.content,
            cli.config,
            cli.present_lang,
            cli.audience_monitor.map(|n| usize::from(n - 1)),
        ),
        None => run_kiosk(cli.content, cli.config, cli.fullscreen, cli.kiosk),
        Some(Tool::Check { dir }) => check(dir.or(cli.content), cli.config.as_deref()),
        Some(Tool::SetPin) => set_pin(cli.config, cli.content),
        Some(Tool::FhirQuestionnaire { lang }) => {
            with_content((cli.content, cli.config.as_deref()), |content| {
                fhir_questionnaire(&content, lang.as_deref())
            })
        }
        Some(Tool::Leaflet { lang, pdf }) => {
            with_content((cli.content, cli.config.as_deref()), |content| {
                let language = content
                    .language_named(lang.as_deref())
                    .map_err(|e| e.to_string())?;
                let bytes = vein_kiosk::handout::leaflet_pdf(&content, language)
                    .map_err(|e| e.to_string())?;
                write_file(&pdf, &bytes)
            })
        }
        Some(Tool::Handout { answers, lang, out }) => {
            with_content((cli.content, cli.config.as_deref()), |content| {
                handout(&content, &answers, lang.as_deref(), &out)
            })
        }
        Some(Tool::Decode { code, lang, out }) => {
            with_content((cli.content, cli.config.as_deref()), |content| {
                decode(&content, code, lang.as_deref(), &out)
            })
        }
        Some(Tool::Text {
            lang,
            screen,
            notes,
        }) => with_content((cli.content, cli.config.as_deref()), |content| {
            let text = if notes {
                vein_kiosk::text::speaker_notes
            } else {
                vein_kiosk::text::patient_text
            };
            text(&content, lang.as_deref(), screen.as_deref())
                .map(|t| print!("{t}"))
                .map_err(|e| e.to_string())
        }),
        Some(Tool::Selfcheck { answers, lang }) => {
            with_content((cli.content, cli.config.as_deref()), |content| {
                print!(
                    "{}",
                    vein_kiosk::text::summary_for_file(&content, &answers, lang.as_deref())
                        .map_err(|e| e.to_string())?
                );
                Ok(())
            })
        }
        Some(Tool::Bundle(tool)) => bundle_tool(tool, cli.config.as_deref()),
        Some(Tool::Voices) => with_content((cli.content, cli.config.as_deref()), voices),
        Some(Tool::Outbox { retry_dead }) => {
            with_content((cli.content, cli.config.as_deref()), |c| {
                fhir_tool(&c, Some(retry_dead))
            })
        }
        Some(Tool::Fleet) => with_content((cli.content, cli.config.as_deref()), |c| {
            fhir_tool(&c, None)
        }),
        Some(Tool::Jwks) => with_content((cli.content, cli.config.as_deref()), |c| jwks(&c)),
    }
}

fn run_kiosk(
    dir: Option<PathBuf>,
    config: Option<PathBuf>,
    fullscreen: bool,
    kiosk: bool,
) -> ExitCode {
    // The content is read and checked on its own thread while eframe opens the window and sets
    // up OpenGL (about 100 ms with Mesa's software renderer), so neither waits for the other.
    // A clinic's folder that fails to load never stops the kiosk: it runs on the built-in
    // content and tells staff why.
    let loading = {
        let config = config.clone();
        std::thread::Builder::new()
            .name("content".into())
            .spawn(move || {
                // With a content source, the last good bundle when there is one.
                // (Problems of what it was given do not matter once a bundle is shown.)
                Content::load_or_built_in(dir.clone(), config.as_deref()).map(|(c, skipped)| {
                    let started =
                        vein_kiosk::bundle::tools::starting(c, dir.as_deref(), config.as_deref());
                    let skipped = if started.in_use.is_some() {
                        Vec::new()
                    } else {
                        skipped
                    };
                    (started, skipped)
                })
            })
    };
    let loading = match loading {
        Ok(handle) => handle,
        Err(e) => {
            log::error!("could not start the thread that reads the content: {e}");
            return ExitCode::FAILURE;
        }
    };
    let viewport = egui::ViewportBuilder::default()
        .with_title("Vein kiosk")
        .with_app_id("vein-kiosk")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 480.0])
        .with_fullscreen(fullscreen || kiosk);
    let viewport = if kiosk {
        viewport
            .with_decorations(false)
            .with_window_level(egui::WindowLevel::AlwaysOnTop)
    } else {
        viewport
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    // Problems with the built-in content (a build defect) are printed after eframe has closed.
    let broken = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let broken_in_app = std::rc::Rc::clone(&broken);
    let result = eframe::run_native(
        "vein-kiosk",
        options,
        Box::new(move |cc| {
            let loaded = loading
                .join()
                .map_err(|_| "the thread that reads the content failed")?;
            let (started, skipped) = match loaded {
                Ok(loaded) => loaded,
                Err(problems) => {
                    *broken_in_app.borrow_mut() = problems;
                    return Err("the built-in content is broken".into());
                }
            };
            log::debug!(
                "content ready {} ms after start",
                vein_kiosk::started().elapsed().as_millis()
            );
            if !skipped.is_empty() {
                for problem in &skipped {
                    log::warn!("{problem}");
                }
                log::warn!(
                    "the clinic's content could not be used; using the built-in content instead"
                );
            }
            let ctx = cc.egui_ctx.clone();
            let watch = started.watch(move || ctx.request_repaint());
            let mut app = App::new(started.content, &skipped);
            if let Some(watch) = watch {
                app = app.pull_content(watch, started.in_use, started.settings_file);
            }
            if kiosk {
                app = app.kiosk_mode(config);
            }
            Ok(Box::new(if fullscreen || kiosk {
                app.fill_screen()
            } else {
                app
            }))
        }),
    );
    let broken = broken.take();
    if !broken.is_empty() {
        eprintln!("vein-kiosk: the built-in content is broken (a build defect):");
        print_problems(&broken);
        return ExitCode::FAILURE;
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("the kiosk could not start: {e}");
            ExitCode::FAILURE
        }
    }
}

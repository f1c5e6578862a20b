//! Why read aloud does not work: [`SpeechError`], in words for staff.

/// Why read aloud does not work now; the words are for staff (the visitor sees a plain note).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeechError {
    /// This system has no speech service the kiosk can use.
    #[error("read aloud needs Speech Dispatcher, which this system does not have")]
    Unsupported,
    /// Nowhere to look for the service's socket.
    #[error("no XDG_RUNTIME_DIR or SPEECHD_ADDRESS to find Speech Dispatcher")]
    NoSocket,
    /// The service is not running and could not be started.
    #[error(
        "Speech Dispatcher is not running at {path} ({why}) and could not be started; install \
         speech-dispatcher"
    )]
    NotRunning {
        /// Its socket.
        path: String,
        /// Why the connection failed.
        why: String,
    },
    /// The service was started but never answered.
    #[error("Speech Dispatcher did not answer: {0}")]
    NotAnswering(String),
    /// The service would not take the kiosk as a client.
    #[error("Speech Dispatcher refused the connection: {0}")]
    Refused(String),
    /// A command failed on a fresh connection too.
    #[error("Speech Dispatcher: {0}")]
    Failed(String),
    /// No connection could be kept for the command.
    #[error("Speech Dispatcher: no connection")]
    NoConnection,
    /// The kiosk's read-aloud thread is gone.
    #[error("the read-aloud thread has stopped")]
    ThreadStopped,
    /// The read-aloud thread did not answer within its time.
    #[error("Speech Dispatcher did not answer in time")]
    TimedOut,
}

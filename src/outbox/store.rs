//! The outbox's queue on disk: one SQLite database in a folder of the kiosk's own.

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension as _, params};
use serde_json::Value;

use super::{Counts, Entry, Identifier, Listed, Next, OutboxError, backoff};

/// The database's name inside the outbox folder.
pub const DB_FILE: &str = "outbox.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entry (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    system        TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    queued_at     INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL,
    last_error    TEXT,
    dead          INTEGER NOT NULL DEFAULT 0,
    dead_reason   TEXT,
    UNIQUE (system, value)
);";

/// The queue. One per thread (each opens its own connection to the same folder; SQLite's WAL
/// lets them read while one writes, and they wait up to 10 s for each other's writes).
pub struct Outbox {
    conn: Connection,
    folder: PathBuf,
}

fn millis(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn time(ms: i64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

fn folder_error(folder: &Path, why: impl ToString) -> OutboxError {
    OutboxError::Folder {
        path: folder.display().to_string(),
        why: why.to_string(),
    }
}

/// Makes `folder` (0700) and the database file in it (0600) if they are missing, and refuses a
/// link or anything but a folder and a plain file where they should be.
fn prepare(folder: &Path) -> Result<PathBuf, OutboxError> {
    if let Some(parent) = folder.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| folder_error(folder, e))?;
    }
    match DirBuilder::new().mode(0o700).create(folder) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(folder_error(folder, e)),
    }
    let meta = std::fs::symlink_metadata(folder).map_err(|e| folder_error(folder, e))?;
    if !meta.is_dir() {
        return Err(folder_error(folder, "is not a folder (a link is refused)"));
    }
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| folder_error(folder, format!("others may read it and {e}")))?;
    }
    let path = folder.join(DB_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&path)
        .map_err(|e| folder_error(folder, format!("{DB_FILE}: {e}")))?;
    let meta = file.metadata().map_err(|e| folder_error(folder, e))?;
    if !meta.is_file() {
        return Err(folder_error(
            folder,
            format!("{DB_FILE} is not a plain file"),
        ));
    }
    if meta.permissions().mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| folder_error(folder, e))?;
    }
    // The new file's name is durable too, not only its contents.
    std::fs::File::open(folder)
        .and_then(|d| d.sync_all())
        .map_err(|e| folder_error(folder, e))?;
    Ok(path)
}

impl Outbox {
    /// Opens (making if needed) the outbox in `folder`.
    pub fn open(folder: &Path) -> Result<Self, OutboxError> {
        let path = prepare(folder)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL: readers never wait for the writer. FULL: each commit is synced to the disk
        // before it returns (NORMAL would lose the last commits in a power cut).
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(folder_error(
                folder,
                format!("journal mode {mode}, not WAL"),
            ));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn,
            folder: folder.to_path_buf(),
        })
    }

    /// The folder this outbox lives in.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Queues `resource` under `identifier`, which the resource itself must carry (as its
    /// `identifier`, or one of them). On disk when this returns; the sequence number back.
    pub fn put(
        &self,
        identifier: &Identifier,
        resource: &Value,
        now: SystemTime,
    ) -> Result<i64, OutboxError> {
        let resource_type = resource
            .get("resourceType")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic()))
            .ok_or_else(|| OutboxError::Resource("no resourceType".into()))?;
        let wanted = identifier.to_json();
        let carried = match resource.get("identifier") {
            Some(Value::Array(all)) => all.contains(&wanted),
            Some(one) => *one == wanted,
            None => false,
        };
        if !carried {
            return Err(OutboxError::Resource(format!(
                "the {resource_type} does not carry the identifier {}",
                identifier.token()
            )));
        }
        let body =
            serde_json::to_string(resource).map_err(|e| OutboxError::Resource(e.to_string()))?;
        self.conn
            .execute(
                "INSERT INTO entry (system, value, resource_type, body, queued_at, next_attempt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    identifier.system,
                    identifier.value,
                    resource_type,
                    body,
                    millis(now)
                ],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::DiskFull) => OutboxError::Full {
                    path: self.folder.display().to_string(),
                },
                _ => OutboxError::Db(e),
            })?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Queues the resource `build` makes for a fresh reference under `system` (another is drawn
    /// if the first is still queued). The identifier it was given back.
    pub fn put_new(
        &self,
        system: &str,
        now: SystemTime,
        build: impl Fn(&Identifier) -> Value,
    ) -> Result<Identifier, OutboxError> {
        self.put_new_from(super::new_reference, system, now, build)
    }

    /// [`Self::put_new`] with references drawn from `references` (a fixed one for a snapshot).
    pub fn put_new_from(
        &self,
        references: super::References,
        system: &str,
        now: SystemTime,
        build: impl Fn(&Identifier) -> Value,
    ) -> Result<Identifier, OutboxError> {
        for _ in 0..8 {
            let identifier = Identifier {
                system: system.to_owned(),
                value: references().map_err(OutboxError::Random)?,
            };
            match self.put(&identifier, &build(&identifier), now) {
                Err(OutboxError::Db(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == ErrorCode::ConstraintViolation => {}
                other => return other.map(|_| identifier),
            }
        }
        Err(OutboxError::References)
    }

    /// The oldest entry not on the dead-letter list, if it is due at `now`.
    pub fn next_due(&self, now: SystemTime) -> Result<Next, OutboxError> {
        let head = self
            .conn
            .query_row(
                "SELECT seq, system, value, resource_type, body, queued_at, attempts,
                        next_attempt, last_error
                 FROM entry WHERE dead = 0 ORDER BY seq LIMIT 1",
                [],
                |r| {
                    Ok(Entry {
                        seq: r.get(0)?,
                        identifier: Identifier {
                            system: r.get(1)?,
                            value: r.get(2)?,
                        },
                        resource_type: r.get(3)?,
                        body: r.get(4)?,
                        queued_at: time(r.get(5)?),
                        attempts: r.get(6)?,
                        next_attempt: time(r.get(7)?),
                        last_error: r.get(8)?,
                    })
                },
            )
            .optional()?;
        Ok(match head {
            None => Next::Empty,
            Some(e) if e.next_attempt <= now => Next::Ready(e),
            Some(e) => Next::WaitUntil(e.next_attempt),
        })
    }

    /// The server confirmed `seq`: it leaves the disk. When the queue is empty the write-ahead
    /// log is truncated too, so no copy of a delivered body stays in it.
    pub fn mark_delivered(&self, seq: i64) -> Result<(), OutboxError> {
        self.conn
            .execute("DELETE FROM entry WHERE seq = ?1", params![seq])?;
        let left: i64 = self
            .conn
            .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))?;
        if left == 0 {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// A try of `seq` failed in a way worth retrying; it waits (backoff, or `retry_after`)
    /// and keeps its place at the head of the queue. The wait back.
    pub fn mark_failed(
        &self,
        seq: i64,
        error: &str,
        retry_after: Option<Duration>,
        now: SystemTime,
    ) -> Result<Duration, OutboxError> {
        let attempts: u32 = self.conn.query_row(
            "SELECT attempts FROM entry WHERE seq = ?1",
            params![seq],
            |r| r.get(0),
        )?;
        let attempts = attempts.saturating_add(1);
        let wait = backoff::delay(attempts, retry_after, backoff::jitter());
        self.conn.execute(
            "UPDATE entry SET attempts = ?2, next_attempt = ?3, last_error = ?4 WHERE seq = ?1",
            params![seq, attempts, millis(now + wait), error],
        )?;
        Ok(wait)
    }

    /// The server refused `seq` for good (a 4xx other than 401, 408 and 429): it goes to the
    /// dead-letter list with `reason`, kept for staff, never retried until they say so.
    pub fn mark_dead(&self, seq: i64, reason: &str) -> Result<(), OutboxError> {
        self.conn.execute(
            "UPDATE entry SET dead = 1, dead_reason = ?2, last_error = ?2,
                    attempts = attempts + 1 WHERE seq = ?1",
            params![seq, reason],
        )?;
        Ok(())
    }

    /// Puts every dead letter back in the queue, in its old place, due at `now`. How many.
    pub fn retry_dead(&self, now: SystemTime) -> Result<usize, OutboxError> {
        Ok(self.conn.execute(
            "UPDATE entry SET dead = 0, dead_reason = NULL, attempts = 0, next_attempt = ?1
             WHERE dead = 1",
            params![millis(now)],
        )?)
    }

    /// Whether the entry with `identifier` is still queued (pending or dead): false once the
    /// server confirmed it.
    pub fn holds(&self, identifier: &Identifier) -> Result<bool, OutboxError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM entry WHERE system = ?1 AND value = ?2",
                params![identifier.system, identifier.value],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Every entry, oldest first, without its body.
    pub fn list(&self) -> Result<Vec<Listed>, OutboxError> {
        let mut statement = self.conn.prepare(
            "SELECT seq, value, resource_type, queued_at, attempts, last_error, dead, dead_reason
             FROM entry ORDER BY seq",
        )?;
        let rows = statement.query_map([], |r| {
            let dead: bool = r.get(6)?;
            Ok(Listed {
                seq: r.get(0)?,
                reference: r.get(1)?,
                resource_type: r.get(2)?,
                queued_at: time(r.get(3)?),
                attempts: r.get(4)?,
                last_error: r.get(5)?,
                dead: if dead {
                    Some(r.get::<_, Option<String>>(7)?.unwrap_or_default())
                } else {
                    None
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts and ages for staff at `now`.
    pub fn counts(&self, now: SystemTime) -> Result<Counts, OutboxError> {
        let age = |ms: Option<i64>| ms.map(|ms| now.duration_since(time(ms)).unwrap_or_default());
        let (pending, oldest_pending): (i64, Option<i64>) = self.conn.query_row(
            "SELECT count(*), min(queued_at) FROM entry WHERE dead = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (dead, oldest_dead): (i64, Option<i64>) = self.conn.query_row(
            "SELECT count(*), min(queued_at) FROM entry WHERE dead = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let last_error = self
            .conn
            .query_row(
                "SELECT last_error FROM entry WHERE dead = 0 ORDER BY seq LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let dead_reason = self
            .conn
            .query_row(
                "SELECT dead_reason FROM entry WHERE dead = 1 ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(Counts {
            dead_reason,
            pending: u64::try_from(pending).unwrap_or(0),
            dead: u64::try_from(dead).unwrap_or(0),
            oldest_pending: age(oldest_pending),
            oldest_dead: age(oldest_dead),
            last_error,
        })
    }
}

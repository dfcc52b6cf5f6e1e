//! Waiting longer for another writer, for a program that can afford to: the `panel` command
//! waits while the desktop app is writing — up to `PANEL_BUSY_WAIT` seconds, 30 unless set —
//! rather than failing after the app's [`crate::BUSY_WAIT`]. SQLite asks this handler only
//! while taking a lock, before the change has written anything, so trying again is always
//! safe; given up, the change fails with [`crate::StoreError::Busy`] and nothing changed.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a change waits unless `PANEL_BUSY_WAIT` says otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// The longest `PANEL_BUSY_WAIT` may ask for: an hour.
const LONGEST_WAIT: u64 = 3_600;

/// The wait `PANEL_BUSY_WAIT` asks for (whole seconds, 0 to 3600), or the default.
pub fn wait_from_env() -> Result<Duration, String> {
    match std::env::var("PANEL_BUSY_WAIT") {
        Err(_) => Ok(DEFAULT_WAIT),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(s) if s <= LONGEST_WAIT => Ok(Duration::from_secs(s)),
            _ => Err(format!(
                "PANEL_BUSY_WAIT: \"{text}\" is not a number of seconds from 0 to {LONGEST_WAIT}"
            )),
        },
    }
}

/// The wait in force, when this wait began, whether the person has been told of it, and how.
struct Waiting {
    limit: Duration,
    since: Option<Instant>,
    told: bool,
    tell: fn(Duration),
}

/// One process's waiting (SQLite's handler is a plain function): for the one connection of
/// a command.
static WAITING: Mutex<Waiting> = Mutex::new(Waiting {
    limit: DEFAULT_WAIT,
    since: None,
    told: false,
    tell: |_| {},
});

impl crate::Store {
    /// Makes this store's changes wait up to `limit` for another writer (instead of
    /// [`crate::BUSY_WAIT`]), calling `tell` once, with the limit, when a wait passes a
    /// second. Meant for a program with one store open, as the `panel` command has.
    pub fn wait_for_writers(&mut self, limit: Duration, tell: fn(Duration)) -> crate::Result<()> {
        if let Ok(mut w) = WAITING.lock() {
            w.limit = limit;
            w.tell = tell;
        }
        Ok(self.conn.busy_handler(Some(busy))?)
    }
}

/// SQLite's busy handler: `tries` counts from 0 for each lock the connection waits for.
fn busy(tries: i32) -> bool {
    let Ok(mut w) = WAITING.lock() else {
        return false;
    };
    let now = Instant::now();
    let since = match (tries, w.since) {
        (0, _) | (_, None) => {
            w.since = Some(now);
            now
        }
        (_, Some(s)) => s,
    };
    let waited = now.duration_since(since);
    if waited >= w.limit {
        return false;
    }
    if !w.told && waited >= Duration::from_secs(1) {
        w.told = true;
        (w.tell)(w.limit);
    }
    let left = w.limit - waited;
    drop(w);
    // Soon at first, then every quarter of a second.
    let pause = Duration::from_millis(10 << tries.clamp(0, 5));
    std::thread::sleep(pause.min(Duration::from_millis(250)).min(left));
    true
}

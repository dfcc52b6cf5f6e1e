//! One writer: the first instance of the app on a database listens on a local socket beside
//! it; a second instance started on the same database asks the first to come to the front,
//! and ends, instead of opening the database again. Nothing leaves the machine: the socket is
//! a file in the database's folder.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// Whether this is the first instance on the database.
pub enum Instance {
    /// The first: it listens for later ones.
    First(UnixListener),
    /// Another instance has the database and was asked to come to the front.
    Second,
    /// No socket could be made here (a folder that does not allow one): run alone.
    Alone(String),
}

/// The socket beside the database.
pub fn socket_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".instance");
    db.with_file_name(name)
}

const FOCUS: &str = "focus";

/// Claims the database for this instance, or hands over to the instance that has it.
pub fn claim(db: &Path) -> Instance {
    let socket = socket_path(db);
    if let Some(dir) = socket.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    for _ in 0..2 {
        if let Ok(mut stream) = UnixStream::connect(&socket) {
            let asked = writeln!(stream, "{FOCUS}").and_then(|_| stream.flush());
            // The first instance answers once it has come to the front.
            let mut answer = String::new();
            if asked.is_ok() && BufReader::new(&stream).read_line(&mut answer).is_ok() {
                return Instance::Second;
            }
        }
        // Nobody listens: a socket left by an instance that ended without removing it.
        let _ = std::fs::remove_file(&socket);
        match UnixListener::bind(&socket) {
            Ok(listener) => return Instance::First(listener),
            // Another instance bound it a moment ago: ask it instead.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Instance::Alone(e.to_string()),
        }
    }
    Instance::Alone("another instance is starting on the same database".into())
}

/// Serves later instances: each one's request calls `focus`, then is answered.
pub fn serve(listener: UnixListener, focus: impl Fn() + Send + 'static) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_ok() && line.trim() == FOCUS {
                focus();
                let _ = writeln!(stream, "ok");
            }
        }
    });
}

/// Removes the socket when the first instance ends.
pub fn release(db: &Path) {
    let _ = std::fs::remove_file(socket_path(db));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_second_instance_hands_over_to_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panel.sqlite3");
        let Instance::First(listener) = claim(&db) else {
            panic!("the first instance must claim the database");
        };
        let focused = Arc::new(AtomicUsize::new(0));
        let seen = focused.clone();
        serve(listener, move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        assert!(matches!(claim(&db), Instance::Second));
        assert!(matches!(claim(&db), Instance::Second));
        assert_eq!(focused.load(Ordering::SeqCst), 2);
        // Another database is another instance's.
        assert!(matches!(
            claim(&dir.path().join("other.sqlite3")),
            Instance::First(_)
        ));
    }

    #[test]
    fn a_socket_left_behind_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panel.sqlite3");
        // An instance that was killed: its socket file remains, nobody listens.
        drop(UnixListener::bind(socket_path(&db)).unwrap());
        assert!(socket_path(&db).exists());
        assert!(matches!(claim(&db), Instance::First(_)));
        release(&db);
        assert!(!socket_path(&db).exists());
    }
}

//! Starting a program from a test. Starting is tried again, a moment later, when the system
//! itself fails to start it (Wine, which runs the Windows build of the tests, now and then
//! refuses one of many programs started at once, or one started just after another was
//! killed, with "Internal error"); what the program does once started is never tried twice.
//! Shared by the store's crash test and the command's tests.

/// The result of `start` (spawning or running `what`), tried up to five times while the
/// system refuses to start the program.
pub fn again_if_refused<T>(what: &str, mut start: impl FnMut() -> std::io::Result<T>) -> T {
    let mut tries = 0;
    loop {
        match start() {
            Ok(started) => return started,
            Err(e) if tries < 4 && e.kind() != std::io::ErrorKind::NotFound => {
                tries += 1;
                eprintln!("starting {what} failed ({e}); trying again");
                std::thread::sleep(std::time::Duration::from_millis(200 * tries));
            }
            Err(e) => panic!("{what} could not be started: {e}"),
        }
    }
}

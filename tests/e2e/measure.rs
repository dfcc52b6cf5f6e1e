//! The app as a person meets it, measured (not a pass or fail: `./tasks measure-app` runs it
//! on the release build under Xvfb and prints the figures): the time from starting the app
//! to its unlock screen, and from unlocking to the meetings list; and the memory of the app and
//! its WebKit processes once idle, as proportional set size (shared libraries counted once
//! across them) beside the resident sizes summed — with the demo and with ten times the
//! ten-year dataset, started as a person starts it (no WebDriver session) and driven.

use crate::*;

/// The app's process and every process it started (WebKit's web and network processes).
fn app_processes() -> Vec<(u32, String)> {
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_complex-needs-panel")).unwrap();
    let mut parents: Vec<(u32, u32, String)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …: the name may hold spaces, so read after its last ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let name = head.split_once('(').map_or("", |x| x.1).to_string();
        let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        if let Some(ppid) = ppid {
            parents.push((pid, ppid, name));
        }
    }
    let mut found: Vec<(u32, String)> = parents
        .iter()
        .filter(|(pid, _, _)| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e == exe)
        })
        .map(|(pid, _, name)| (*pid, name.clone()))
        .collect();
    let mut k = 0;
    while k < found.len() {
        let parent = found[k].0;
        for (pid, ppid, name) in &parents {
            if *ppid == parent && !found.iter().any(|(p, _)| p == pid) {
                found.push((*pid, name.clone()));
            }
        }
        k += 1;
    }
    found
}

/// A process's proportional and resident set sizes, in kB.
fn memory(pid: u32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (field("Pss:"), field("Rss:"))
}

/// The memory of the app and its processes, once idle, as a line of figures.
async fn memory_line() -> String {
    tokio::time::sleep(Duration::from_secs(5)).await;
    let processes = app_processes();
    assert!(!processes.is_empty(), "the app's process was not found");
    let mut parts = Vec::new();
    let (mut pss, mut rss) = (0, 0);
    for (pid, name) in &processes {
        let (p, r) = memory(*pid);
        pss += p;
        rss += r;
        parts.push(format!("{name} {} MB", p / 1024));
    }
    format!(
        "{} MB PSS in all ({}), {} MB RSS summed",
        pss / 1024,
        parts.join(", "),
        rss / 1024
    )
}

/// The memory of the app started as a person starts it, with no WebDriver session, idle at
/// its unlock screen.
async fn memory_started_plainly(db: &Path) -> String {
    let mut app = Command::new(env!("CARGO_BIN_EXE_complex-needs-panel"))
        .env("PANEL_DB", db)
        .env("PANEL_USER", USER)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let line = memory_line().await;
    let _ = app.kill();
    let _ = app.wait();
    line
}

async fn measure(db: &Path, label: &str) -> WebDriverResult<()> {
    let plain = memory_started_plainly(db).await;
    let started = Instant::now();
    let driver_process = Driver::start(db, &[]);
    let driver = driver_process.session().await;
    let run = async {
        wait_for(&driver, "form[data-form='unlock']").await?;
        let to_unlock = started.elapsed();
        let at_unlock = memory_line().await;
        let form = "form[data-form='unlock']";
        fill(&driver, form, "user", USER).await?;
        fill(&driver, form, "passphrase", KEY).await?;
        let unlocking = Instant::now();
        wait_for(&driver, &format!("{form} button[type='submit']"))
            .await?
            .click()
            .await?;
        wait_text(
            &driver,
            "section[aria-labelledby='meetings-heading']",
            "Past",
        )
        .await?;
        let to_list = unlocking.elapsed();
        let at_list = memory_line().await;
        println!("{label}:");
        println!(
            "  start to the unlock screen: {} ms (goal under 1,000 ms)",
            to_unlock.as_millis()
        );
        println!(
            "  unlocking to the meetings list: {} ms",
            to_list.as_millis()
        );
        println!("  at the unlock screen, started plainly: {plain} (goal under 150 MB PSS)");
        println!("  at the unlock screen, under WebDriver: {at_unlock}");
        println!("  at the meetings list: {at_list}");
        Ok(())
    };
    let result = run.await;
    let _ = driver.quit().await;
    drop(driver_process);
    result
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement, run by ./tasks measure-app on the release build"]
async fn the_app_as_a_person_meets_it() {
    let dir = tempfile::tempdir().unwrap();
    let demo_db = dir.path().join("demo.sqlite3");
    let today = chrono::Local::now().date_naive();
    open_db(&demo_db)
        .import(&panel_core::demo::demo(today))
        .unwrap();
    measure(&demo_db, "The demo").await.unwrap();
    let big_db = dir.path().join("ten-times.sqlite3");
    open_db(&big_db)
        .import(&panel_core::demo::generated(3_000, 10, 10, 10))
        .unwrap();
    measure(
        &big_db,
        "Ten times the ten-year dataset (3,000 cases, 30,000 placements, 300,000 cost lines)",
    )
    .await
    .unwrap();
}

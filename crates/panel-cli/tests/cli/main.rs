//! The `panel` command, run as a person runs it, on real files in temporary folders: one test
//! program, a module a group of commands (data in and out, safety, spend, documents, money
//! between partners, foresight), and what they share here.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../../../../docs/examples/oakfield.json");

#[path = "../support/mod.rs"]
mod support;
use support::*;

mod data;
mod documents;
mod finance;
mod foresight;
mod safety;
mod spend;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("panel.sqlite3")
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn ok(&self, args: &[&str]) -> String {
        let o = panel(&self.db(), args);
        assert!(o.status.success(), "panel {args:?} failed: {}", stderr(&o));
        stdout(&o)
    }
    fn export(&self) -> String {
        self.ok(&["export", "-"])
    }
    /// The database's whole content and the length of its audit trail.
    fn state(&self) -> (String, i64) {
        let audit = open_db(&self.db()).audit_count().unwrap();
        (self.export(), audit)
    }
}

/// Applies `edit` to the example and returns it as text.
fn edited(edit: impl Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Splits one CSV line into cells (quoted cells may hold commas and doubled quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn pence(cell: &str) -> i64 {
    panel_core::Money::parse("cell", cell).unwrap().pence()
}

/// The demo's whole dataset as `panel export` writes it.
fn demo_dataset() -> Value {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    serde_json::from_str(&env.export()).unwrap()
}

/// A decision's actions as a draft has them: none done yet.
fn undone(decision: &mut Value) {
    for a in decision["actions"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("done");
    }
}

/// The position in `decisions` of the first final decision satisfying `f`.
fn final_where(v: &Value, f: impl Fn(&Value) -> bool) -> usize {
    v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["status"] == "final" && f(d))
        .expect("the demo has such a decision")
}

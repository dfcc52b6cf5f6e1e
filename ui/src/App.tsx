import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { asFailure, call, commands, onLocked } from "./api";
import { loadVocabulary } from "./vocabulary";
import { changed, queryClient } from "./queries";
import { type Entry, entryOf, fromHash, historyStep, toHash, type View } from "./route";
import type { AppInfo, LockState } from "./bindings";
import { Banner } from "./components";
import { ConfirmHost } from "./confirm";
import { hasUnsaved, mayLeave } from "./unsaved";
import { AuditPage } from "./pages/Audit";
import { BackupsPage } from "./pages/Backups";
import { CasePage } from "./pages/Case";
import { CasesPage } from "./pages/Cases";
import { ChairActionPage } from "./pages/ChairAction";
import { ImportPage } from "./pages/Import";
import { StatementsPage } from "./pages/Statements";
import { ExceptionsPage } from "./pages/Exceptions";
import { ItemPage } from "./pages/Item";
import { MeetingPage } from "./pages/Meeting";
import { MeetingsPage } from "./pages/Meetings";
import { SettingsPage } from "./pages/Settings";
import { UnlockPage } from "./pages/Unlock";

// The spend screen brings the charting library; it loads when first opened.
const SpendPage = lazy(() => import("./pages/Spend").then((m) => ({ default: m.SpendPage })));

export function App() {
  const [lock, setLock] = useState<LockState | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Where the app is: the screen named by the address (so a reload opens it again), and its
  // place in this window's history (for Back and Forward).
  const [entry, setEntry] = useState<Entry>(() => entryOf(window.history.state) ?? { view: fromHash(window.location.hash), index: 0 });
  const [top, setTop] = useState(() => Math.max(entry.index, Number(window.sessionStorage.getItem("history-top") ?? 0)));
  const current = useRef(entry);
  current.current = entry;
  const view = entry.view;
  const [busy, setBusy] = useState(false);

  // Each new screen starts at its top, with focus on the main region for keyboard and
  // screen-reader users.
  const show = (next: Entry) => {
    setEntry(next);
    window.scrollTo(0, 0);
    document.getElementById("main")?.focus();
  };
  // A one-time notice belongs to the moment it was given, not to the history entry.
  const kept = (e: Entry): Entry => (e.view.kind === "case" && e.view.notice ? { ...e, view: { kind: "case", id: e.view.id } } : e);
  const go = async (next: View) => {
    if (!(await mayLeave())) return;
    const e = { view: next, index: current.current.index + 1 };
    window.history.pushState(kept(e), "", toHash(next));
    window.sessionStorage.setItem("history-top", String(e.index));
    setTop(e.index);
    show(e);
  };
  useEffect(() => {
    window.history.replaceState(kept(current.current), "", toHash(current.current.view));
    // Back or Forward with changes not saved: the step is undone until the person says leave.
    let returning = false;
    const popped = async (e: PopStateEvent) => {
      const to = entryOf(e.state) ?? { view: fromHash(window.location.hash), index: 0 };
      if (returning) {
        returning = false;
        return;
      }
      if (hasUnsaved()) {
        const step = current.current.index - to.index;
        returning = true;
        window.history.go(step);
        if (!(await mayLeave())) return;
        window.history.go(-step);
        return;
      }
      show(to);
    };
    const keys = (e: KeyboardEvent) => {
      const step = historyStep(e);
      if (step !== 0) {
        e.preventDefault();
        window.history.go(step);
      }
    };
    window.addEventListener("popstate", popped);
    window.addEventListener("keydown", keys);
    return () => {
      window.removeEventListener("popstate", popped);
      window.removeEventListener("keydown", keys);
    };
  }, []);

  // The lists of codes first: every screen reads them.
  const load = () =>
    loadVocabulary()
      .then(() => call(commands.appInfo()))
      .then(setInfo)
      .catch((e) => setError(asFailure(e).message));
  // At every start, and after locking, the unlock screen asks for a name and the passphrase.
  const start = () =>
    call(commands.lockState())
      .then((l) => {
        setLock(l);
        if (l.unlocked) load();
      })
      .catch((e) => setError(asFailure(e).message));
  useEffect(() => {
    start();
    // Locked behind the screen's back (another window locked it, or it was never unlocked):
    // back to the unlock screen rather than a screen of failures.
    return onLocked(() => setLock((l) => (l ? { ...l, unlocked: false } : l)));
  }, []);

  // Once the database is open (after unlocking, or a restore), focus is on the screen, not lost.
  useEffect(() => {
    if (info && (document.activeElement === document.body || document.activeElement === null)) document.getElementById("main")?.focus();
  }, [info]);

  if (error) {
    return (
      <main className="main">
        <h1>Complex Needs Panel cannot start</h1>
        <Banner kind="error">{error}</Banner>
      </main>
    );
  }
  if (lock && !lock.unlocked) {
    return (
      <UnlockPage
        lock={lock}
        onUnlocked={(note) => {
          setNotice(note);
          setLock({ ...lock, unlocked: true });
          load();
        }}
      />
    );
  }
  if (!info)
    return (
      <main className="main">
        <p className="muted">Opening the database…</p>
      </main>
    );

  return (
    <>
      <ConfirmHost />
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header-title">{info.panel_name}</div>
        {/* Until there is data, the authority is not known: the default name would mislead. */}
        {!info.empty && <div className="header-authority">{info.authority}</div>}
        <div className="history-buttons">
          <button
            type="button"
            className="nav-link"
            aria-label="Back"
            title="Back (Alt+Left)"
            disabled={entry.index <= 0}
            onClick={() => window.history.back()}
          >
            ←
          </button>
          <button
            type="button"
            className="nav-link"
            aria-label="Forward"
            title="Forward (Alt+Right)"
            disabled={entry.index >= top}
            onClick={() => window.history.forward()}
          >
            →
          </button>
        </div>
        <nav aria-label="Main">
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind.startsWith("meeting") || view.kind === "item" ? "page" : undefined}
            onClick={() => go({ kind: "meetings" })}
          >
            Meetings
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind.startsWith("case") || view.kind === "chair-action" || view.kind === "import" ? "page" : undefined}
            onClick={() => go({ kind: "cases" })}
          >
            Cases
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "spend" ? "page" : undefined}
            onClick={() => go({ kind: "spend" })}
          >
            Spend
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "statements" ? "page" : undefined}
            onClick={() => go({ kind: "statements" })}
          >
            Statements
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "exceptions" ? "page" : undefined}
            onClick={() => go({ kind: "exceptions" })}
          >
            Exceptions
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "audit" ? "page" : undefined}
            onClick={() => go({ kind: "audit" })}
          >
            Audit
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "backups" ? "page" : undefined}
            onClick={() => go({ kind: "backups" })}
          >
            Backups
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={view.kind === "settings" ? "page" : undefined}
            onClick={() => go({ kind: "settings" })}
          >
            Settings
          </button>
        </nav>
        <div className="header-user">
          <span data-user>{info.user}</span>
          <button
            type="button"
            className="link-button"
            title="Close the database until its passphrase is given again"
            onClick={() =>
              call(commands.lock())
                .then(() => {
                  // Nothing read from the database stays in memory once it is locked.
                  queryClient.clear();
                  setInfo(null);
                  setNotice(null);
                  start();
                })
                .catch((e) => setError(asFailure(e).message))
            }
          >
            Lock
          </button>
        </div>
      </header>
      <main className="main" id="main" tabIndex={-1}>
        {notice && <Banner kind="error">{notice}</Banner>}
        {info.empty ? (
          <section className="panel welcome" aria-labelledby="welcome-heading">
            <h1 id="welcome-heading">Welcome to Complex Needs Panel</h1>
            <p>
              This database is new and empty (<code>{info.db_path}</code>). You can explore with demo data — a pooled budget of £7.2 million
              shared by social care, education and health, about 30 children placed at a time, a panel meeting every month with its
              decisions, and the next meeting's agenda begun — or start with an empty database and set up your own partners.
            </p>
            <div className="actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                autoFocus
                onClick={() => {
                  setBusy(true);
                  call(commands.loadDemo())
                    .then(changed)
                    .then(load)
                    .catch((e) => setError(asFailure(e).message))
                    .finally(() => setBusy(false));
                }}
              >
                {busy ? "Loading demo data…" : "Load demo data"}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setInfo({ ...info, empty: false })}>
                Start with an empty database
              </button>
            </div>
          </section>
        ) : view.kind === "meetings" ? (
          <MeetingsPage today={info.today} onOpen={(id) => go({ kind: "meeting", id })} />
        ) : view.kind === "meeting" ? (
          <MeetingPage
            id={view.id}
            partners={info.partners}
            onBack={() => go({ kind: "meetings" })}
            onOpenItem={(id) => go({ kind: "item", id })}
            onAudit={() => go({ kind: "audit", meetingId: view.id })}
          />
        ) : view.kind === "item" ? (
          <ItemPage
            id={view.id}
            partners={info.partners}
            onBack={(id) => go({ kind: "meeting", id })}
            onOpen={(id) => go({ kind: "item", id })}
          />
        ) : view.kind === "statements" ? (
          <StatementsPage today={info.today} partners={info.partners} onOpenCase={(id) => go({ kind: "case", id })} />
        ) : view.kind === "exceptions" ? (
          <ExceptionsPage
            today={info.today}
            onOpenCase={(id) => go({ kind: "case", id })}
            onOpenMeeting={(id) => go({ kind: "meeting", id })}
          />
        ) : view.kind === "spend" ? (
          <Suspense fallback={<p className="muted">Opening the spend screen…</p>}>
            <SpendPage today={info.today} partners={info.partners} onOpenCase={(id) => go({ kind: "case", id })} />
          </Suspense>
        ) : view.kind === "audit" ? (
          <AuditPage
            key={`${view.caseId ?? ""}-${view.meetingId ?? ""}`}
            caseId={view.caseId}
            meetingId={view.meetingId}
            onOpenCase={(id) => go({ kind: "case", id })}
            onOpenMeeting={(id) => go({ kind: "meeting", id })}
          />
        ) : view.kind === "backups" ? (
          <BackupsPage encrypted={info.encrypted} onRestored={load} />
        ) : view.kind === "settings" ? (
          <SettingsPage onChange={load} />
        ) : view.kind === "cases" ? (
          <CasesPage today={info.today} onOpen={(id) => go({ kind: "case", id })} onImport={() => go({ kind: "import" })} />
        ) : view.kind === "import" ? (
          <ImportPage partners={info.partners} onBack={() => go({ kind: "cases" })} onDone={() => go({ kind: "cases" })} />
        ) : view.kind === "chair-action" ? (
          <ChairActionPage
            caseId={view.caseId}
            partners={info.partners}
            onBack={(notice) => go({ kind: "case", id: view.caseId, notice })}
          />
        ) : (
          <CasePage
            key={`${view.id}-${view.notice ?? ""}`}
            id={view.id}
            today={info.today}
            partners={info.partners}
            notice={view.notice}
            onBack={() => go({ kind: "cases" })}
            onOpenMeeting={(id) => go({ kind: "meeting", id })}
            onChairAction={() => go({ kind: "chair-action", caseId: view.id })}
            onAudit={() => go({ kind: "audit", caseId: view.id })}
          />
        )}
      </main>
    </>
  );
}

import { useEffect, useState, type FormEvent } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { BackupPreview, BackupsDto, RestoreDone, SummaryDto } from "../bindings";
import { Banner, FormFailure, TextField, useForm } from "../components";
import { changed, keys, useRead } from "../queries";
import { confirmLoss } from "../confirm";

const REASONS: Record<string, string> = {
  close: "On closing",
  daily: "Daily",
  manual: "Backed up now",
  "before-restore": "Before a restore",
};

/** Data safety: backups (taken now, saved elsewhere, restored after a preview) and the passphrase. */
export function BackupsPage(props: { encrypted: boolean; onRestored: () => void }) {
  const read = useRead(keys.backups(), () => call(commands.listBackupFiles()));
  const list: BackupsDto | null = read.data;
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? read.error;
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const load = () => changed();

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const message = await work();
      if (message) setNotice(message);
      await load();
    } catch (e) {
      setError(asFailure(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="backups-heading">
      <h1 id="backups-heading">Backups and passphrase</h1>
      {error && <Banner kind="error">{error}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>Backups</h2>
        <p>
          A backup is taken when the application closes and once a day, into <code>{list?.folder ?? "…"}</code>; the newest{" "}
          {list?.keep ?? 14} are kept. Backups are encrypted under the passphrase in use when they are taken.
        </p>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => act(async () => `Backed up to ${(await call(commands.backUpNow())).path}`)}
          >
            Back up now
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                const path = await call(commands.saveBackupAs());
                return path ? `Backed up to ${path}` : null;
              })
            }
          >
            Save a backup as…
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                const path = await call(commands.chooseBackupFile());
                if (path) setChosen(path);
                return null;
              })
            }
          >
            Restore from a file…
          </button>
        </div>
        {list && list.items.length === 0 && <p className="muted">No backups yet.</p>}
        {list && list.items.length > 0 && (
          <table className="table" data-table="backups">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr key={b.path}>
                  <td>{b.taken}</td>
                  <td>{REASONS[b.reason] ?? b.reason}</td>
                  <td className="num">{b.kb.toLocaleString("en-GB")} KB</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setChosen(b.path)}>
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {chosen && (
        <RestorePreview
          key={chosen}
          path={chosen}
          onCancel={() => setChosen(null)}
          onRestored={(done) => {
            setChosen(null);
            const problems = done.rule_problems;
            setNotice(
              `Restored. The data it replaced is kept in ${done.kept}.` +
                (problems.length > 0
                  ? ` The restored data breaks the rules in ${problems.length} place${problems.length === 1 ? "" : "s"}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""}.`
                  : ""),
            );
            load();
            props.onRestored();
          }}
        />
      )}
      {props.encrypted && (
        <ChangePassphrase onChanged={() => setNotice("The passphrase is changed. Backups taken before keep the old one.")} />
      )}
    </section>
  );
}

/** `n` things, in words: "1 case", "85 cases". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function SummaryColumn(props: { s: SummaryDto }) {
  const s = props.s;
  return (
    <>
      <td>
        {count(s.cases, "case", "cases")}, {count(s.placements, "placement", "placements")}
      </td>
      <td>{count(s.meetings, "meeting", "meetings")}</td>
      <td>
        {count(s.final_decisions, "final decision", "final decisions")}
        {s.latest_decision ? ` (latest ${s.latest_decision})` : ""}
        {s.draft_decisions > 0 ? `, ${count(s.draft_decisions, "draft", "drafts")}` : ""}
      </td>
      <td>{s.last_changed ? `${s.last_changed} by ${s.last_changed_by}` : "never"}</td>
    </>
  );
}

/** What a backup holds beside the database now, and the restore itself. */
function RestorePreview(props: { path: string; onCancel: () => void; onRestored: (done: RestoreDone) => void }) {
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPassphrase = !!failure?.field("backup_passphrase");

  const look = (p: string | null) =>
    call(commands.previewBackup(props.path, p))
      .then((x) => {
        setPreview(x);
        setFailure(null);
      })
      .catch((e) => setFailure(asFailure(e)));
  useEffect(() => {
    look(null);
  }, []);

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    if (
      !(await confirmLoss(
        "Replace everything in the database with this backup? The data it replaces is kept as a backup first.",
        "Restore this backup",
      ))
    )
      return;
    setBusy(true);
    try {
      props.onRestored(await call(commands.restoreBackup(props.path, passphrase || null)));
    } catch (err) {
      setFailure(asFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" data-form="restore" onSubmit={restore} noValidate aria-labelledby="restore-heading">
      <h2 id="restore-heading" style={{ marginTop: 0 }}>
        Restore a backup
      </h2>
      <p>
        <code>{props.path}</code>
      </p>
      <FormFailure failure={failure} />
      {needsPassphrase && (
        <div className="form-row">
          <TextField
            label="The backup's passphrase"
            name="backup_passphrase"
            type="password"
            width="long"
            value={passphrase}
            onChange={setPassphrase}
            error={failure?.field("backup_passphrase")}
            autoFocus
          />
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={() => look(passphrase)}>
              Open the backup
            </button>
          </div>
        </div>
      )}
      {preview && (
        <>
          <table className="table" data-table="restore-preview">
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Cases</th>
                <th scope="col">Meetings</th>
                <th scope="col">Decisions</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              <tr data-row="backup">
                <th scope="row">This backup</th>
                <SummaryColumn s={preview.backup} />
              </tr>
              <tr data-row="current">
                <th scope="row">The database now</th>
                <SummaryColumn s={preview.current} />
              </tr>
            </tbody>
          </table>
          {preview.rule_problems.length > 0 && (
            <div className="banner banner-error" data-testid="restore-rule-problems">
              <p style={{ marginTop: 0 }}>
                <strong>This backup breaks the rules in {count(preview.rule_problems.length, "place", "places")}.</strong> It can be
                restored all the same (nothing is lost), and <code>panel check</code> will list the same:
              </p>
              <ul>
                {preview.rule_problems.slice(0, 10).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {preview.rule_problems.length > 10 && <p>… and {preview.rule_problems.length - 10} more.</p>}
            </div>
          )}
          <p>Restoring replaces everything in the database with what the backup holds. What is there now is kept as a backup first.</p>
        </>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !preview}>
          {busy ? "Restoring…" : "Restore this backup"}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ChangePassphrase(props: { onChanged: () => void }) {
  const {
    values: v,
    set,
    failure,
    saving,
    submit,
  } = useForm({ current: "", new: "", again: "" }, (x) => call(commands.changePassphrase(x)), props.onChanged);
  return (
    <form className="panel" onSubmit={submit} data-form="passphrase" noValidate aria-labelledby="passphrase-heading">
      <h2 id="passphrase-heading" style={{ marginTop: 0 }}>
        Change the passphrase
      </h2>
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField
          label="Passphrase in use"
          name="current"
          type="password"
          value={v.current}
          onChange={set("current")}
          error={failure?.field("current")}
        />
        <TextField
          label="New passphrase"
          name="new"
          type="password"
          value={v.new}
          onChange={set("new")}
          error={failure?.field("new")}
          hint="At least 10 characters"
        />
        <TextField
          label="New passphrase again"
          name="again"
          type="password"
          value={v.again}
          onChange={set("again")}
          error={failure?.field("again")}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Change the passphrase
        </button>
      </div>
    </form>
  );
}

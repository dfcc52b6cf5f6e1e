import { useState, type FormEvent } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { LockState } from "../bindings";
import { Banner, FormFailure, TextField } from "../components";

/**
 * The unlock screen, shown at every start and after locking: the person's name (every change
 * is recorded against it) and the database's passphrase. A new database gets a passphrase
 * chosen here; an unencrypted one is encrypted under it.
 */
export function UnlockPage(props: { lock: LockState; onUnlocked: (note: string | null) => void }) {
  const { lock } = props;
  const choosing = lock.kind !== "encrypted";
  const [user, setUser] = useState(lock.user);
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const done = await call(commands.unlock({ user, passphrase, again }));
      props.onUnlocked(done.backup_note);
    } catch (err) {
      const failed = asFailure(err);
      setFailure(failed);
      setPassphrase("");
      setAgain("");
      // Focus to the first field in error (the passphrase, for one too short or mistyped),
      // where typing starts again: both passphrase fields are emptied.
      const first = ["user", "passphrase", "again"].find((f) => failed.field(f)) ?? "passphrase";
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-form='unlock'] [name='${first}']`)?.focus());
    } finally {
      setBusy(false);
    }
  };

  const heading =
    lock.kind === "new" ? "Create the encrypted database" : lock.kind === "plain" ? "Encrypt this database" : "Unlock Complex Needs Panel";
  return (
    <main className="main unlock" id="main">
      <form className="panel unlock-panel" onSubmit={submit} data-form="unlock" noValidate aria-labelledby="unlock-heading">
        <h1 id="unlock-heading">{heading}</h1>
        {lock.kind === "new" && (
          <p>
            The database will hold records about children and is encrypted on this computer. Choose a passphrase — three or four unrelated
            words make a good one — and keep it safe: <strong>without it nothing in the database can be read</strong>, not even by support.
          </p>
        )}
        {lock.kind === "plain" && (
          <Banner kind="info">
            This database is not encrypted: anyone with the file can read it. Choose a passphrase to encrypt it now; from then on it is
            asked for at every start.
          </Banner>
        )}
        {lock.kind === "encrypted" && <p>Enter your name and the database's passphrase.</p>}
        <p className="muted">
          Database: <code>{lock.db_path}</code>
        </p>
        <FormFailure failure={failure} />
        <TextField
          label="Your name"
          name="user"
          width="long"
          value={user}
          onChange={setUser}
          error={failure?.field("user")}
          hint="Every change you make is recorded against it in the audit trail"
          autoFocus={!user}
        />
        <TextField
          label={choosing ? "Choose a passphrase" : "Passphrase"}
          name="passphrase"
          type="password"
          width="long"
          value={passphrase}
          onChange={setPassphrase}
          error={failure?.field("passphrase")}
          hint={choosing ? "At least 10 characters" : undefined}
          autoFocus={!!user}
        />
        {choosing && (
          <TextField
            label="The same passphrase again"
            name="again"
            type="password"
            width="long"
            value={again}
            onChange={setAgain}
            error={failure?.field("again")}
          />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy
              ? lock.kind === "plain"
                ? "Encrypting…"
                : "Opening…"
              : lock.kind === "new"
                ? "Create and open"
                : lock.kind === "plain"
                  ? "Encrypt and open"
                  : "Unlock"}
          </button>
        </div>
      </form>
    </main>
  );
}

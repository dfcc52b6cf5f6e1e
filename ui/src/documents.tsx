// Buttons that print documents: the Rust side makes the PDF, asks where to save it, writes it
// and opens it in the system's viewer; these show the work in progress and where it went.
import { useState } from "react";
import { asFailure, call } from "./api";
import type { AppError, ExportedRecords, SavedDocument_Serialize } from "./bindings";
import { Banner } from "./components";

type Result<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: AppError }>;

/** One document a button makes: a saved file, or a folder of records. */
export type DocumentAction = {
  label: string;
  /** Said to screen readers after the label, e.g. the decision number. */
  hidden?: string;
  run: () => Result<SavedDocument_Serialize | ExportedRecords | null>;
};

function describe(done: SavedDocument_Serialize | ExportedRecords): { kind: "success" | "info"; text: string } {
  if ("files" in done) {
    const n = done.files.length;
    return { kind: "success", text: `${n} record${n === 1 ? "" : "s"} exported to ${done.folder}` };
  }
  if (done.note) return { kind: "info", text: `Saved to ${done.path}. ${done.note}` };
  return { kind: "success", text: done.opened ? `Saved to ${done.path} and opened` : `Saved to ${done.path}` };
}

/** A row of document buttons with one status line beneath: busy while a document is made,
 * then where it was saved, or why it could not be. Cancelling the dialog changes nothing. */
export function DocumentButtons(props: { actions: DocumentAction[]; testid?: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: "success" | "info" | "error"; text: string } | null>(null);
  const start = (a: DocumentAction) => {
    setBusy(a.label);
    setStatus(null);
    call(a.run())
      .then((done) => setStatus(done ? describe(done) : null))
      .catch((e) => setStatus({ kind: "error", text: asFailure(e).message }))
      .finally(() => setBusy(null));
  };
  return (
    <div className="documents" data-testid={props.testid}>
      <div className="actions">
        {props.actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className="button button-secondary button-small"
            disabled={busy !== null}
            onClick={() => start(a)}
          >
            {busy === a.label ? "Preparing…" : a.label}
            {a.hidden && <span className="visually-hidden"> {a.hidden}</span>}
          </button>
        ))}
      </div>
      {status && (
        <Banner kind={status.kind}>
          <span data-testid="document-status">{status.text}</span>
        </Banner>
      )}
    </div>
  );
}

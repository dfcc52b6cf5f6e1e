// The typed commands, with errors thrown as AppFailure so screens can catch them in one place.
import { commands, type AppError } from "./bindings";

export { commands };

/** A failure the Rust side reported: code, message and the fields concerned. */
export class AppFailure extends Error {
  constructor(public readonly error: AppError) {
    super(error.message);
  }
  /** The message for one field, if any. */
  field(name: string): string | undefined {
    return this.error.fields.find((f) => f.field === name)?.message;
  }
}

/** What every generated command returns. */
type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** Who is told when a command finds the database locked (the app returns to its unlock screen). */
const lockedListeners = new Set<() => void>();

/** Calls `listener` whenever a command reports the database locked; returns the undo. */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/**
 * Unwraps a command's result or throws its error. The error's `code` decides what happens,
 * never its wording: `locked` also returns the app to the unlock screen; `busy` and `refused`
 * carry a sentence for the person (try again; the rule that refused).
 */
export async function call<T>(result: Promise<Result<T, AppError>>): Promise<T> {
  const r = await result;
  if (r.status === "error") {
    if (r.error.code === "locked") lockedListeners.forEach((l) => l());
    throw new AppFailure(r.error);
  }
  return r.data;
}

/** Any thrown value as an AppFailure (unexpected errors keep their message). */
export function asFailure(e: unknown): AppFailure {
  if (e instanceof AppFailure) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppFailure({ code: "storage", message, fields: [] });
}

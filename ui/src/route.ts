// Where the app is: each screen as a value (View) and as the address after `#`, so the
// browser's history gives Back and Forward (the header's buttons, Alt+Left and Alt+Right) and a
// reload opens the same screen again.

/** A screen of the app and what it shows. */
export type View =
  | { kind: "meetings" }
  | { kind: "meeting"; id: number }
  | { kind: "item"; id: number }
  | { kind: "cases" }
  | { kind: "import" }
  | { kind: "case"; id: number; notice?: string }
  | { kind: "chair-action"; caseId: number }
  | { kind: "spend" }
  | { kind: "statements" }
  | { kind: "exceptions" }
  | { kind: "audit"; caseId?: number; meetingId?: number }
  | { kind: "backups" }
  | { kind: "settings" };

/** The first screen, and where an address that names no screen leads. */
export const HOME: View = { kind: "meetings" };

/** The address of a screen: `#/meetings`, `#/meeting/3`, `#/audit?case=4`. A case's notice (a
 * one-time message) is not part of it. */
export function toHash(v: View): string {
  switch (v.kind) {
    case "meeting":
    case "item":
    case "case":
      return `#/${v.kind}/${v.id}`;
    case "chair-action":
      return `#/chair-action/${v.caseId}`;
    case "audit": {
      const q = [v.caseId !== undefined ? `case=${v.caseId}` : "", v.meetingId !== undefined ? `meeting=${v.meetingId}` : ""]
        .filter(Boolean)
        .join("&");
      return q ? `#/audit?${q}` : "#/audit";
    }
    default:
      return `#/${v.kind}`;
  }
}

/** A row id as written in an address: a whole number from 1, else nothing. */
function id(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 2 ** 31 - 1 ? n : undefined;
}

/** The screen an address names; anything it does not name is the first screen. */
export function fromHash(hash: string): View {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const [kind, arg, ...rest] = path.split("/");
  if (rest.length > 0) return HOME;
  switch (kind) {
    case "meetings":
    case "cases":
    case "import":
    case "spend":
    case "statements":
    case "exceptions":
    case "backups":
    case "settings":
      return arg === undefined ? { kind } : HOME;
    case "meeting":
    case "item":
    case "case": {
      const n = id(arg);
      return n === undefined ? HOME : { kind, id: n };
    }
    case "chair-action": {
      const n = id(arg);
      return n === undefined ? HOME : { kind, caseId: n };
    }
    case "audit": {
      if (arg !== undefined) return HOME;
      const params = new URLSearchParams(query);
      const caseId = id(params.get("case") ?? undefined);
      const meetingId = id(params.get("meeting") ?? undefined);
      return {
        kind,
        ...(caseId !== undefined ? { caseId } : {}),
        ...(meetingId !== undefined ? { meetingId } : {}),
      };
    }
    default:
      return HOME;
  }
}

/** What each history entry keeps: the screen, and its place in this window's history. */
export type Entry = { view: View; index: number };

/** The entry history holds, when it is one of ours. */
export function entryOf(state: unknown): Entry | null {
  if (typeof state !== "object" || state === null) return null;
  const s = state as Partial<Entry>;
  return typeof s.index === "number" && typeof s.view === "object" && s.view !== null ? (s as Entry) : null;
}

/** Whether a key press asks to go back (-1) or forward (+1) through the screens: Alt+Left and
 * Alt+Right, as in a browser; 0 for any other key. */
export function historyStep(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): -1 | 0 | 1 {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return 0;
  return e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0;
}

// Keyboard shortcuts: the chair's keys on the item screen, what they do, and when a key press
// is typing rather than a shortcut.
import { useEffect, useRef } from "react";
import { useModal } from "./confirm";

/** The shortcuts of the chair's screen, as the help overlay lists them. */
export const CHAIR_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["N"], what: "Next item on the agenda" },
  { keys: ["P"], what: "Previous item on the agenda" },
  { keys: ["D"], what: "Go to the decision: the first part still to write" },
  { keys: ["Alt", "A"], what: "Every partner present agrees (each assent can still be changed)" },
  { keys: ["A", "D", "N"], what: "On a partner's assent: agrees, disagrees, not recorded" },
  { keys: ["Ctrl", "S"], what: "Save the draft decision" },
  { keys: ["Ctrl", "Enter"], what: "Finalise the decision: Enter confirms, Escape does not" },
  { keys: ["Alt", "←"], what: "Back to the screen before" },
  { keys: ["?"], what: "Show these shortcuts" },
];

/** Whether a key press goes into a field being typed in (a letter is then a letter). */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit"].includes(t.type);
}

/** Whether a question or overlay is open over the screen (the screen's keys then wait). */
export function overlaid(): boolean {
  return document.querySelector("dialog[open]") !== null;
}

/** Listens to key presses on the whole window while the screen is shown; `handle` may change
 * between renders (the latest one is called). */
export function useKeys(handle: (e: KeyboardEvent) => void) {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (!e.defaultPrevented && !overlaid()) latest.current(e);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}

/** The overlay listing the shortcuts; Escape or its button closes it. */
export function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useModal(dialog, close, props.open);
  return (
    <dialog
      ref={dialog}
      className="confirm shortcuts"
      aria-labelledby="shortcuts-heading"
      data-testid="shortcuts"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table className="table table-compact">
        <tbody>
          {CHAIR_SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <th scope="row" className="nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (s.keys.length === 2 && ["Alt", "Ctrl"].includes(s.keys[0]) ? " + " : " / ")}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Letters work when the cursor is not in a text box; the others work everywhere on this screen.</p>
      <div className="actions">
        <button type="button" className="button" ref={close} onClick={props.onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

// Asking before something that cannot be undone, in the window itself: a modal dialog whose
// button names the action ("Finalise", "Remove"). Where going ahead is what the person set out
// to do (finalise, issue, record), that button is focused as it opens, so Enter does it; where
// going ahead loses something (leave unsaved work, discard, remove, restore, replace), the
// button that keeps it is focused instead, so Enter by reflex loses nothing. Escape never goes
// ahead. Focus goes back to where it was before the question.
import { useEffect, useRef, useState, type RefObject } from "react";

type Question = { message: string; confirm: string; cancel: string; loses: boolean };
type Asked = Question & { answer: (yes: boolean) => void };

let ask: ((q: Question) => Promise<boolean>) | null = null;

/** Asks `message`, with `confirm` on the button that goes ahead; true if it was pressed. */
export function confirmAction(message: string, confirm: string, cancel = "Cancel"): Promise<boolean> {
  return ask ? ask({ message, confirm, cancel, loses: false }) : Promise.resolve(false);
}

/** Asks `message` before something that loses work or data, with `keep` (the safe choice)
 *  focused and `confirm` on the button that goes ahead; true if that was pressed. */
export function confirmLoss(message: string, confirm: string, keep = "Cancel"): Promise<boolean> {
  return ask ? ask({ message, confirm, cancel: keep, loses: true }) : Promise.resolve(false);
}

/** Shows `dialog` as a modal while `open`, with focus on `focus`; closes it otherwise. */
export function useModal(dialog: RefObject<HTMLDialogElement | null>, focus: RefObject<HTMLElement | null>, open: boolean) {
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open) {
      if (!d.open) d.showModal();
      focus.current?.focus();
    } else if (d.open) d.close();
  }, [dialog, focus, open]);
}

/** Where the questions are shown: once, at the top of the app. */
export function ConfirmHost() {
  const [asked, setAsked] = useState<Asked | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const no = useRef<HTMLButtonElement>(null);
  const before = useRef<HTMLElement | null>(null);

  useEffect(() => {
    ask = (q) =>
      new Promise<boolean>((resolve) => {
        before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setAsked((previous) => {
          previous?.answer(false);
          return { ...q, answer: resolve };
        });
      });
    return () => {
      ask = null;
    };
  }, []);

  useModal(dialog, asked?.loses ? no : yes, asked !== null);

  const answer = (go: boolean) => {
    const q = asked;
    dialog.current?.close();
    setAsked(null);
    // Focus back first, so that whatever the action does with focus afterwards wins.
    before.current?.focus();
    q?.answer(go);
  };

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-message"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {asked && (
        <>
          <p id="confirm-message">{asked.message}</p>
          <div className="actions">
            <button
              type="button"
              className={asked.loses ? "button button-warning" : "button"}
              ref={yes}
              data-confirm
              onClick={() => answer(true)}
            >
              {asked.confirm}
            </button>
            <button
              type="button"
              className={asked.loses ? "button" : "button button-secondary"}
              ref={no}
              data-keep
              onClick={() => answer(false)}
            >
              {asked.cancel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

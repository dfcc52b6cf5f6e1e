// Nothing typed is lost by leaving a screen: a form with changes not yet saved says so here,
// and leaving its screen (a menu, Back, the next item) asks first. Reloading the window is off
// in the built app (see main.tsx).
import { useEffect, useRef } from "react";
import { confirmLoss } from "./confirm";

const unsaved = new Set<symbol>();

/** Marks the calling form as holding changes not yet saved while `changed` is true. Answers
 * the way to say at once that nothing is unsaved any more (a form that has just been saved
 * for good, before it moves to another screen, without waiting for the next render). */
export function useUnsaved(changed: boolean): () => void {
  const id = useRef(Symbol("form"));
  useEffect(() => {
    const me = id.current;
    if (changed) unsaved.add(me);
    else unsaved.delete(me);
    return () => {
      unsaved.delete(me);
    };
  }, [changed]);
  return () => {
    unsaved.delete(id.current);
  };
}

/** Whether some form on screen holds changes not yet saved. */
export function hasUnsaved(): boolean {
  return unsaved.size > 0;
}

/** Whether the screen may be left: at once when nothing is unsaved, else as the person says. */
export async function mayLeave(): Promise<boolean> {
  if (!hasUnsaved()) return true;
  const leave = await confirmLoss(
    "Some changes on this screen are not saved. Leave it and lose them?",
    "Leave without saving",
    "Stay on this screen",
  );
  if (leave) unsaved.clear();
  return leave;
}

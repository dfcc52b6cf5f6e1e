// The closed lists of codes (placement types, units, outcomes, item kinds, minutes steps) and
// their labels, as Rust serves them: loaded once when the app opens, before any screen.
// The front end keeps no copy of them, so a label or a list cannot drift from the Rust side.
import { commands } from "./api";
import type { Vocabulary } from "./bindings";

let current: Vocabulary | null = null;

/** Loads the vocabulary (once; later calls reuse it). */
export async function loadVocabulary(): Promise<Vocabulary> {
  current ??= await commands.vocabulary();
  return current;
}

/** The vocabulary, which the app loads before showing any screen. */
export function vocabulary(): Vocabulary {
  if (!current) throw new Error("The lists of codes are not loaded yet");
  return current;
}

/** A code's label from one of the lists, or the code itself when the list does not hold it. */
export function labelOf(list: { value: string; label: string }[], code: string): string {
  return list.find((x) => x.value === code)?.label ?? code;
}

/** Whether an outcome funds a placement (and so needs partners' assent and a review date). */
export function funds(outcome: string): boolean {
  return vocabulary().outcomes.some((o) => o.value === outcome && o.funds);
}

import { describe, expect, it } from "vitest";
import { entryOf, fromHash, historyStep, HOME, toHash, type View } from "./route";

describe("the address of each screen", () => {
  const screens: View[] = [
    { kind: "meetings" },
    { kind: "meeting", id: 3 },
    { kind: "item", id: 41 },
    { kind: "cases" },
    { kind: "import" },
    { kind: "case", id: 7 },
    { kind: "chair-action", caseId: 7 },
    { kind: "spend" },
    { kind: "statements" },
    { kind: "audit" },
    { kind: "audit", caseId: 4 },
    { kind: "audit", meetingId: 2 },
    { kind: "audit", caseId: 4, meetingId: 2 },
    { kind: "backups" },
    { kind: "settings" },
  ];

  it("reads back as the same screen", () => {
    for (const v of screens) expect(fromHash(toHash(v))).toEqual(v);
  });

  it("is written as people would read it", () => {
    expect(toHash({ kind: "case", id: 7 })).toBe("#/case/7");
    expect(toHash({ kind: "audit", caseId: 4, meetingId: 2 })).toBe("#/audit?case=4&meeting=2");
  });

  it("leaves out a case's one-time notice", () => {
    expect(toHash({ kind: "case", id: 7, notice: "Saved" })).toBe("#/case/7");
  });

  it("leads anything it does not name to the first screen", () => {
    for (const bad of [
      "",
      "#",
      "#/",
      "#/nowhere",
      "#/case",
      "#/case/0",
      "#/case/-1",
      "#/case/1.5",
      "#/case/abc",
      "#/case/99999999999",
      "#/meetings/2",
      "#/case/3/4",
      "#/audit/3",
    ]) {
      expect(fromHash(bad)).toEqual(HOME);
    }
    expect(fromHash("#/audit?case=x&meeting=2")).toEqual({ kind: "audit", meetingId: 2 });
  });
});

describe("history entries", () => {
  it("are ours only when they hold a screen and a place", () => {
    expect(entryOf({ view: { kind: "spend" }, index: 2 })).toEqual({ view: { kind: "spend" }, index: 2 });
    expect(entryOf(null)).toBeNull();
    expect(entryOf({ index: 2 })).toBeNull();
    expect(entryOf("#/spend")).toBeNull();
  });
});

describe("keys that move through the screens", () => {
  const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
    key: k,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods,
  });

  it("are Alt+Left and Alt+Right alone", () => {
    expect(historyStep(key("ArrowLeft", { altKey: true }))).toBe(-1);
    expect(historyStep(key("ArrowRight", { altKey: true }))).toBe(1);
    expect(historyStep(key("ArrowLeft"))).toBe(0);
    expect(historyStep(key("ArrowLeft", { altKey: true, shiftKey: true }))).toBe(0);
    expect(historyStep(key("ArrowLeft", { altKey: true, ctrlKey: true }))).toBe(0);
    expect(historyStep(key("a", { altKey: true }))).toBe(0);
  });
});

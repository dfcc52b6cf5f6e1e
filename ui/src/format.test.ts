import { describe, expect, it } from "vitest";
import { axisPounds, formDate, lastPeriod, longDate, money, niceTicks, ukDate } from "./format";
import { labelOf } from "./vocabulary";

describe("dates as people in England write them", () => {
  it("are day first", () => {
    expect(ukDate("2026-12-01")).toBe("01/12/2026");
    expect(longDate("2026-12-10")).toBe("Thursday 10 December 2026");
    expect(longDate("2028-02-29")).toBe("Tuesday 29 February 2028");
  });

  it("stay as typed in a form when they are not ISO dates", () => {
    expect(formDate("2026-04-01")).toBe("01/04/2026");
    expect(formDate("1/4/26")).toBe("1/4/26");
    expect(formDate("")).toBe("");
  });
});

describe("money typed in totals", () => {
  it("is shown with the pound sign and thousands", () => {
    expect(money("2448000.00")).toBe("£2,448,000.00");
    expect(money("4500")).toBe("£4,500.00");
    expect(money("0.5")).toBe("£0.50");
    expect(money("-12.50")).toBe("−£12.50");
  });
});

describe("labels of codes", () => {
  it("come from the list, or are the code itself", () => {
    const list = [{ value: "locked", label: "Approved and locked" }];
    expect(labelOf(list, "locked")).toBe("Approved and locked");
    expect(labelOf(list, "draft")).toBe("draft");
  });
});

describe("the statement period offered", () => {
  it("is the last whole month", () => {
    expect(lastPeriod("2026-12-04")).toEqual({ from: "01/11/2026", to: "30/11/2026" });
    expect(lastPeriod("2027-01-15")).toEqual({ from: "01/12/2026", to: "31/12/2026" });
    expect(lastPeriod("2028-03-01")).toEqual({ from: "01/02/2028", to: "29/02/2028" });
  });

  it("or the last whole quarter of the financial year", () => {
    expect(lastPeriod("2026-12-04", 3)).toEqual({ from: "01/07/2026", to: "30/09/2026" });
    expect(lastPeriod("2027-02-10", 3)).toEqual({ from: "01/10/2026", to: "31/12/2026" });
    expect(lastPeriod("2027-04-02", 3)).toEqual({ from: "01/01/2027", to: "31/03/2027" });
    expect(lastPeriod("2026-07-01", 3)).toEqual({ from: "01/04/2026", to: "30/06/2026" });
  });
});

describe("chart axes", () => {
  it("ticks in round steps that the labels say exactly", () => {
    // A weekly average of about £6,100: steps of £2,000, not £1,500 shown as "£2k, £3k".
    expect(niceTicks(6_100)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
    expect(niceTicks(6_100).map(axisPounds)).toEqual(["£0", "£2k", "£4k", "£6k", "£8k"]);
    expect(niceTicks(11_000).map(axisPounds)).toEqual(["£0", "£2.5k", "£5k", "£7.5k", "£10k", "£12.5k"]);
    expect(niceTicks(7_611_682).map(axisPounds)).toEqual(["£0", "£2m", "£4m", "£6m", "£8m"]);
    expect(niceTicks(900)).toEqual([0, 200, 400, 600, 800, 1_000]);
    // Nothing to show still gives an axis.
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it("labels every tick differently", () => {
    for (const max of [1, 7, 95, 1_234, 48_000, 250_001, 3_300_000, 12_000_000]) {
      const labels = niceTicks(max).map(axisPounds);
      expect(new Set(labels).size).toBe(labels.length);
      expect(niceTicks(max).at(-1)).toBeGreaterThanOrEqual(max);
    }
  });
});

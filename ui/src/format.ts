// Display helpers: en-GB dates. Money arrives as decimal strings and is shown as sent by Rust.

// Built by hand rather than with Intl, whose output differs between engines
// ("Tuesday, 10 December" in WebKit); UK style is "Tuesday 10 December 2030".
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number) => String(n).padStart(2, "0");

/** A local date from an ISO `YYYY-MM-DD` (no time zone shift). */
function fromIso(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
}

/** `10/12/2026`. */
export function ukDate(iso: string): string {
  const d = fromIso(iso);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** `Thursday 10 December 2026`. */
export function longDate(iso: string): string {
  const d = fromIso(iso);
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** An ISO date as typed in forms (dd/mm/yyyy); empty stays empty. */
export function formDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? ukDate(iso) : iso;
}

/** `£4,500.00` from a plain `4500.00` (the Rust side sends both forms; this is for totals typed). */
export function money(plain: string): string {
  const [whole, frac = "00"] = plain.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${plain.startsWith("-") ? "−" : ""}£${grouped}.${frac.padEnd(2, "0")}`;
}

/** The last whole month before `today` (ISO), or with `months` 3 the last whole quarter of the
 * financial year (April–June, July–September, October–December, January–March), as
 * dd/mm/yyyy from and to. */
export function lastPeriod(today: string, months = 1): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  // Months counted from April of year 0, so that quarters start at multiples of 3.
  const index = y * 12 + (m - 1) - 3;
  const start = months === 3 ? Math.floor(index / 3) * 3 - 3 : index - 1;
  const first = start + 3;
  const fromYear = Math.floor(first / 12);
  const fromMonth = (first % 12) + 1;
  const last = first + months - 1;
  const toYear = Math.floor(last / 12);
  const toMonth = (last % 12) + 1;
  const days = new Date(toYear, toMonth, 0).getDate();
  const mm = (n: number) => String(n).padStart(2, "0");
  return { from: `01/${mm(fromMonth)}/${fromYear}`, to: `${days}/${mm(toMonth)}/${toYear}` };
}

/** Ticks for a chart's axis from 0 to at least `max`: about `count` steps of 1, 2, 2.5 or 5
 *  times a power of ten, so every label is a round figure that says exactly where it sits. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const out: number[] = [];
  for (let k = 0; out.length === 0 || out[out.length - 1] < max; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** A figure of pounds on a chart's axis, short and exact for the ticks `niceTicks` gives:
 *  `£0`, `£2.5k`, `£750k`, `£1.25m`. */
export function axisPounds(v: number): string {
  const a = Math.abs(v);
  const short = (x: number) => String(Number(x.toFixed(2)));
  if (a >= 1_000_000) return `£${short(v / 1_000_000)}m`;
  if (a >= 1_000) return `£${short(v / 1_000)}k`;
  return `£${short(v)}`;
}

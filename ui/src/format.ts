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

const STATUS: Record<string, string> = {
  draft: "Draft",
  circulated: "Circulated for amendment",
  approved: "Approved",
  locked: "Locked",
};

/** Minutes status in words. */
export function minutesStatus(code: string): string {
  return STATUS[code] ?? code;
}

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

/** An ISO date as typed in forms (dd/mm/yyyy); empty stays empty. */
export function formDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? ukDate(iso) : iso;
}

export const ITEM_KINDS: { value: string; label: string }[] = [
  { value: "new_referral", label: "New referral" },
  { value: "review", label: "Review" },
  { value: "change", label: "Change of package" },
  { value: "ending", label: "Ending" },
  { value: "ratification", label: "Ratification of an urgent decision" },
  { value: "information", label: "Information" },
];

export const PLACEMENT_TYPES: { value: string; label: string }[] = [
  { value: "residential", label: "Residential children's home" },
  { value: "residential_school", label: "Residential special school" },
  { value: "day_school", label: "Day special school" },
  { value: "fostering", label: "Independent fostering" },
  { value: "care_package", label: "Care package at home" },
  { value: "short_breaks", label: "Short breaks" },
  { value: "direct_payment", label: "Direct payment" },
  { value: "supported_living", label: "Supported living" },
  { value: "other", label: "Other" },
];

export const UNITS: { value: string; label: string }[] = [
  { value: "week", label: "per week" },
  { value: "day", label: "per day" },
  { value: "year", label: "per year" },
  { value: "once", label: "one-off" },
];

export const OUTCOMES: { value: string; label: string }[] = [
  { value: "approved", label: "Approved" },
  { value: "approved_with_conditions", label: "Approved with conditions" },
  { value: "declined", label: "Declined" },
  { value: "deferred", label: "Deferred" },
  { value: "noted", label: "Noted" },
];

/** A code's label from a list, or the code. */
export function labelOf(list: { value: string; label: string }[], code: string): string {
  return list.find((x) => x.value === code)?.label ?? code;
}

/** `£4,500.00` from a plain `4500.00` (the Rust side sends both forms; this is for totals typed). */
export function money(plain: string): string {
  const [whole, frac = "00"] = plain.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${plain.startsWith("-") ? "−" : ""}£${grouped}.${frac.padEnd(2, "0")}`;
}

// Dates and times in the viewer's time zone, with the browser's own Intl formatter: the pages that
// show them load no date library. Each function reproduces one display format exactly.

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const date = { month: "short", day: "numeric", year: "numeric" } as const;
const time24 = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

const withSeconds = new Intl.DateTimeFormat("en-US", { ...date, ...time24, second: "2-digit" });
const twentyFourHour = new Intl.DateTimeFormat("en-US", { ...date, ...time24 });
const twelveHour = new Intl.DateTimeFormat("en-US", {
  ...date,
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12",
});

const parts = (formatter: Intl.DateTimeFormat, when: Date): Parts =>
  Object.fromEntries(formatter.formatToParts(when).map((p) => [p.type, p.value]));

/** "Dec 1, 2026 18:35:40" */
export function formatDateTimeSeconds(when: Date): string {
  const p = parts(withSeconds, when);
  return `${p.month} ${p.day}, ${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** "Dec 1, 2026, 18:35" */
export function formatDateTime(when: Date): string {
  const p = parts(twentyFourHour, when);
  return `${p.month} ${p.day}, ${p.year}, ${p.hour}:${p.minute}`;
}

/** "Dec 1, 2026 6:35 PM" */
export function formatDateTime12h(when: Date): string {
  const p = parts(twelveHour, when);
  return `${p.month} ${p.day}, ${p.year} ${p.hour}:${p.minute} ${p.dayPeriod}`;
}

const utcDay = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** "Tue, Dec 1", for a calendar day given as "2026-12-01" (no time zone: the day as written). */
export function formatDay(day: string): string {
  const p = parts(utcDay, new Date(`${day}T00:00:00Z`));
  return `${p.weekday}, ${p.month} ${p.day}`;
}

const utcLongDay = new Intl.DateTimeFormat("en-US", {
  weekday: "long",
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Dec 1", for a calendar day given as "2026-12-01". */
export function formatShortDay(day: string): string {
  const p = parts(utcDay, new Date(`${day}T00:00:00Z`));
  return `${p.month} ${p.day}`;
}

/** "Tuesday, Dec 1, 2026", for a calendar day given as "2026-12-01". */
export function formatLongDay(day: string): string {
  const p = parts(utcLongDay, new Date(`${day}T00:00:00Z`));
  return `${p.weekday}, ${p.month} ${p.day}, ${p.year}`;
}

import { format, parseISO } from "date-fns";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";

// The Intl-based formatters replaced date-fns in the browser; they must print exactly what the
// date-fns patterns printed, in any time zone (DST changes and half-hour offsets included).
const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
const originalZone = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalZone;
});

const instants = fc.date({
  min: new Date("1971-01-01T00:00:00Z"),
  max: new Date("2100-12-31T23:59:59Z"),
  noInvalidDate: true,
});

describe.each(zones)("in %s", (zone) => {
  it("prints the same as the date-fns patterns they replace", async () => {
    process.env.TZ = zone;
    vi.resetModules();
    const formats = await import("@/lib/format-time");
    fc.assert(
      fc.property(instants, (when) => {
        expect(formats.formatDateTimeSeconds(when)).toBe(format(when, "MMM d, yyyy HH:mm:ss"));
        expect(formats.formatDateTime(when)).toBe(format(when, "MMM d, yyyy, HH:mm"));
        expect(formats.formatDateTime12h(when)).toBe(format(when, "PP p"));
      }),
      { numRuns: 2000 },
    );
  });
});

const days = fc
  .date({ min: new Date("1971-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z") })
  .filter((d) => !Number.isNaN(d.getTime()))
  .map((d) => d.toISOString().slice(0, 10));

describe.each(zones)("calendar days in %s", (zone) => {
  it("print as the usage chart's date-fns patterns printed them, whatever the viewer's zone", async () => {
    process.env.TZ = zone;
    vi.resetModules();
    const formats = await import("@/lib/format-time");
    fc.assert(
      fc.property(days, (day) => {
        expect(formats.formatShortDay(day)).toBe(format(parseISO(day), "MMM d"));
        expect(formats.formatLongDay(day)).toBe(format(parseISO(day), "EEEE, MMM d, yyyy"));
      }),
      { numRuns: 2000 },
    );
  });
});

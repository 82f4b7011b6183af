import { describe, expect, it } from "vitest";
import { countTicks, labelsThatFit } from "@/components/ui/chart-ticks";

describe("countTicks", () => {
  // What recharts' getNiceTickValues([0, max], 5, false) returned (checked against recharts 3.11
  // for every max up to 20,000 and 5,000 random ones up to 10^9 before it was dropped).
  it.each([
    [0, [0, 1, 2, 3, 4]],
    [1, [0, 1, 2, 3, 4]],
    [4, [0, 1, 2, 3, 4]],
    [5, [0, 2, 4, 6, 8]],
    [12, [0, 3, 6, 9, 12]],
    [13, [0, 4, 8, 12, 16]],
    [40, [0, 10, 20, 30, 40]],
    [41, [0, 15, 30, 45, 60]],
    [137, [0, 35, 70, 105, 140]],
    [999, [0, 250, 500, 750, 1000]],
    [1001, [0, 300, 600, 900, 1200]],
    [25_000, [0, 6500, 13_000, 19_500, 26_000]],
  ])("up to %i: %j", (max, ticks) => {
    expect(countTicks(max)).toEqual(ticks);
  });

  it("always reaches the largest value with five whole-number ticks", () => {
    for (let max = 0; max <= 5000; max++) {
      const ticks = countTicks(max);
      expect(ticks).toHaveLength(5);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
    }
  });
});

describe("labelsThatFit", () => {
  const centres = (n: number, band: number) =>
    Array.from({ length: n }, (_, i) => (i + 0.5) * band);

  it("keeps every label when there is room", () => {
    const shown = labelsThatFit(centres(3, 100), [40, 40, 40], { start: 0, end: 300, minGap: 24 });
    expect(shown).toEqual([
      { index: 0, at: 50 },
      { index: 1, at: 150 },
      { index: 2, at: 250 },
    ]);
  });

  it("works back from the last label, skipping those that would crowd the one after", () => {
    // 30 bands of 20 px, labels 40 px wide and 24 px apart: every fourth fits.
    const shown = labelsThatFit(centres(30, 20), Array(30).fill(40), {
      start: 0,
      end: 600,
      minGap: 24,
    });
    expect(shown.map((s) => s.index)).toEqual([1, 5, 9, 13, 17, 21, 25, 29]);
  });

  it("moves the last label in rather than letting it overflow the end", () => {
    const shown = labelsThatFit([10, 95], [40, 40], { start: 0, end: 100, minGap: 5 });
    expect(shown).toEqual([{ index: 1, at: 80 }]);
  });
});

// Axis ticks for the charts, chosen the way recharts chose them before the charts were drawn
// without it (recharts weighed 120 kB on the wire), so the pictures read the same.

/**
 * `count` whole-number ticks from 0 up to at least `max`, a round step apart (1, 2, 3, 5, 10, 15,
 * 20, 25, …): recharts' `getNiceTickValues([0, max], count, false)`. With nothing to show, 0 to
 * `count - 1`.
 */
export function countTicks(max: number, count = 5): number[] {
  const ticks = (step: number) => Array.from({ length: count }, (_, i) => i * step);
  if (!(max > 0)) return ticks(1);
  const rough = max / (count - 1);
  const digits = Math.floor(Math.log10(rough)) + 1;
  // Steps are multiples of one unit: a tenth of the power of ten above the rough step for steps
  // under 10, a twentieth above that (20 / 10^digits keeps the arithmetic exact for digits ≤ 1).
  const step = (k: number) =>
    digits === 1 ? k : digits < 1 ? Math.ceil(k / (20 / 10 ** digits)) : (k * 10 ** digits) / 20;
  let k = digits === 1 ? Math.ceil(rough) : Math.ceil((rough * 20) / 10 ** digits);
  while (Math.ceil(max / step(k)) > count - 1) k++;
  return ticks(step(k));
}

/**
 * Which category labels fit along an axis from `start` to `end` (pixels), each `sizes[i]` wide
 * and centred on `coordinates[i]`, at least `minGap` apart: recharts' "preserveEnd" interval.
 * The last label always shows, moved in if it would overflow the end; the others are taken
 * from the end backwards whenever they fit. Returns the shown labels and where each is centred.
 */
export function labelsThatFit(
  coordinates: readonly number[],
  sizes: readonly number[],
  { start, end, minGap }: { start: number; end: number; minGap: number },
): { index: number; at: number }[] {
  const shown: { index: number; at: number }[] = [];
  let limit = end;
  for (let i = coordinates.length - 1; i >= 0; i--) {
    const size = sizes[i]!;
    let at = coordinates[i]!;
    if (i === coordinates.length - 1) at -= Math.max(0, at + size / 2 - limit);
    const fits = at >= start && at <= limit && at - size / 2 >= start && at + size / 2 <= limit;
    if (!fits) continue;
    shown.unshift({ index: i, at });
    limit = at - (size / 2 + minGap);
  }
  return shown;
}

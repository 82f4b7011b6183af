/**
 * The application's clock for expiry decisions (credentials, the sweep, reminders, the outbox's
 * retry schedule). Tests set it to sit exactly on a boundary; everything else reads the real time.
 * It lives on globalThis so every bundle that copies this module reads the same clock.
 */
const CLOCK = Symbol.for("latchkey.clock");
const processWide = globalThis as unknown as { [CLOCK]?: () => number };

/** Milliseconds since the epoch. */
export function nowMs(): number {
  const clock = processWide[CLOCK];
  return clock ? clock() : Date.now();
}

export function now(): Date {
  return new Date(nowMs());
}

/** Tests only: replaces the clock (a fixed time or a function); undefined restores the real one. */
export function setClock(clock: Date | (() => number) | undefined) {
  if (clock === undefined) delete processWide[CLOCK];
  else if (clock instanceof Date) processWide[CLOCK] = () => clock.getTime();
  else processWide[CLOCK] = clock;
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";

function everySecond(callback: () => void) {
  const timer = setInterval(callback, 1000);
  return () => clearInterval(timer);
}
// Whole seconds: the snapshot stays equal within a second, so React re-renders once per tick.
const nowInSeconds = () => Math.floor(Date.now() / 1000);
// The server's clock is not the viewer's: nothing is counted down until the page is live.
const notYetMounted = () => null;

/** "6 d 23 h 59 min", "23 h 59 min 58 s", "4 min 2 s", "9 s". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${hours} h ${minutes} min`;
  if (hours > 0) return `${hours} h ${minutes} min ${seconds} s`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

/**
 * Time left until the previous secret of an overlap rotation stops working, ticking every second.
 * A timer role is not announced on each tick (its live region is off); screen readers read it when
 * the user reaches it, and hear once, politely, when it has run out. At the end the page is
 * refreshed, so the overlap and its "End overlap now" disappear.
 */
export function OverlapCountdown({ endsAt, what }: { endsAt: string; what: string }) {
  const router = useRouter();
  const now = useSyncExternalStore(everySecond, nowInSeconds, notYetMounted);
  const remaining = now === null ? null : new Date(endsAt).getTime() - now * 1000;
  const ended = remaining !== null && remaining <= 0;
  useEffect(() => {
    if (ended) router.refresh();
  }, [ended, router]);
  return (
    <span className="tabular-nums">
      <span role="timer" aria-atomic="true" data-testid="overlap-countdown">
        {remaining === null ? "" : ended ? "Stopped working" : `${formatRemaining(remaining)} left`}
      </span>
      <span className="sr-only" aria-live="polite">
        {ended ? `${what} has stopped working.` : ""}
      </span>
    </span>
  );
}

"use client";

import { useSyncExternalStore } from "react";

const MINUTE = 60_000;

// The time to the minute: stable across the renders of one minute (as useSyncExternalStore
// requires of a snapshot), which is all "Expires in N days" needs.
const minute = () => Math.floor(Date.now() / MINUTE) * MINUTE;

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, MINUTE);
  return () => clearInterval(timer);
}

/** The current time (to the minute) for labels relative to now; re-renders as minutes pass. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, minute, minute);
}

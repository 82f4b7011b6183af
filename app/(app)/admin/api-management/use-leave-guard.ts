"use client";

import { useEffect, useRef, useState } from "react";

// The browser's Back button cannot be cancelled, so while the guard is up the page sits on an
// extra history entry of its own (same URL): Back only steps off that entry, the page stays, and
// the confirmation decides whether to go on back or to put the entry back. The entry is known by
// its Navigation API key, which survives the router rewriting the entry's state; browsers without
// that API get no extra entry (links and unload are still guarded).
type NavigationEntries = { currentEntry: { key: string } | null };
let guardEntryKey: string | null = null;

function currentEntryKey(): string | null {
  const navigation = (window as Window & { navigation?: NavigationEntries }).navigation;
  return navigation?.currentEntry?.key ?? null;
}

function onGuardEntry(): boolean {
  return guardEntryKey !== null && currentEntryKey() === guardEntryKey;
}

function pushGuardEntry() {
  if (currentEntryKey() === null || onGuardEntry()) return;
  // The router's own state goes along, so it can restore this page when Back lands on it.
  window.history.pushState(window.history.state, "", window.location.href);
  guardEntryKey = currentEntryKey();
}

// Shared by every caller, so a repeated request waits for the step already under way instead of
// going back a second entry.
let steppingOff: Promise<void> | null = null;

/** Leaves the guard entry (if the page is on it) and resolves once the browser has moved. */
function stepOffGuardEntry(): Promise<void> {
  if (steppingOff) return steppingOff;
  if (!onGuardEntry()) return Promise.resolve();
  steppingOff = new Promise((resolve) => {
    const arrived = () => {
      window.removeEventListener("popstate", arrived);
      steppingOff = null;
      resolve();
    };
    window.addEventListener("popstate", arrived);
    window.history.back();
  });
  return steppingOff;
}

/**
 * While `active`, asks before the page is left: the browser's own prompt on unload, and
 * `pending` (a confirmation to render) for in-app links, the browser's Back button and
 * `requestLeave` callers. Once inactive, or once leaving is confirmed, the page steps off its
 * extra history entry first: one Back then leaves the page, and a link leaves no duplicate entry
 * behind it.
 */
export function useLeaveGuard(active: boolean, navigate: (href: string) => void) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const navigateRef = useRef(navigate);
  // False from the moment leaving is confirmed, before React has re-rendered: the navigation
  // that follows must not be asked about again.
  const armed = useRef(false);
  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);

  useEffect(() => {
    armed.current = active;
    if (!active) {
      void stepOffGuardEntry();
      return;
    }
    pushGuardEntry();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!armed.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // Capturing on the document runs before Next's Link handler (attached at the React root),
    // so a guarded click never starts a client-side navigation.
    const onClick = (event: MouseEvent) => {
      if (!armed.current) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if (anchor.hasAttribute("download") || anchor.target === "_blank") return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      event.stopPropagation();
      const href = url.pathname + url.search + url.hash;
      setPending(() => () => void stepOffGuardEntry().then(() => navigateRef.current(href)));
    };
    const onPopState = () => {
      // Without a guard entry Back has already left; our own step off the entry, or Forward
      // back onto it, needs no answer either.
      if (!armed.current || guardEntryKey === null || steppingOff || onGuardEntry()) return;
      // Back stepped off the guard entry: the page is still here; going on is one more step.
      setPending(() => () => window.history.back());
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPopState);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPopState);
    };
  }, [active]);

  const requestLeave = (leave: () => void) => {
    const afterGuardEntry = () => void stepOffGuardEntry().then(leave);
    if (armed.current) setPending(() => afterGuardEntry);
    else afterGuardEntry();
  };
  const confirm = () => {
    const leave = pending;
    armed.current = false;
    setPending(null);
    leave?.();
  };
  const cancel = () => {
    setPending(null);
    // After Back the page is one entry down: staying puts the guard entry back.
    if (armed.current) pushGuardEntry();
  };
  return { pending: pending !== null, requestLeave, confirm, cancel };
}

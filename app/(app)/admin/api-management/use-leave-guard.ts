"use client";

import { useEffect, useRef, useState } from "react";

/**
 * While `active`, asks before the page is left: the browser's own prompt on unload, and
 * `pending` (a confirmation to render) for in-app links and for `requestLeave` callers.
 */
export function useLeaveGuard(active: boolean, navigate: (href: string) => void) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const navigateRef = useRef(navigate);
  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    // Capturing on the document runs before Next's Link handler (attached at the React root),
    // so a guarded click never starts a client-side navigation.
    const onClick = (event: MouseEvent) => {
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
      setPending(() => () => navigateRef.current(href));
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active]);

  const requestLeave = (leave: () => void) => {
    if (active) setPending(() => leave);
    else leave();
  };
  const confirm = () => {
    const leave = pending;
    setPending(null);
    leave?.();
  };
  const cancel = () => setPending(null);
  return { pending: pending !== null, requestLeave, confirm, cancel };
}

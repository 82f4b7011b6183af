"use client";

import { useState } from "react";

/**
 * Which of a menu's dialogs is open, and which have been opened at all. A dialog is rendered from
 * its first opening on (so its code, loaded with next/dynamic, is fetched only when someone asks
 * for it) and then stays mounted, so closing it still animates.
 */
export function useDialogs<Name extends string>() {
  const [open, setOpen] = useState<Name | null>(null);
  const [opened, setOpened] = useState<ReadonlySet<Name>>(() => new Set());
  return {
    isOpen: (name: Name) => open === name,
    wasOpened: (name: Name) => opened.has(name),
    show: (name: Name) => {
      setOpen(name);
      setOpened((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
    },
    onOpenChange: (next: boolean) => {
      if (!next) setOpen(null);
    },
  };
}

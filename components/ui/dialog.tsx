"use client";

import { onDemand } from "./on-demand";

// The dialog's Radix code loads when one is first opened (see on-demand.tsx).
const dialog = onDemand(() => import("./parts/dialog"), { popup: "dialog", opensOn: "click" });

export const Dialog = dialog.root("Dialog");
export const DialogTrigger = dialog.trigger("DialogTrigger");
export const DialogPortal = dialog.inner("DialogPortal");
export const DialogOverlay = dialog.inner("DialogOverlay");
/**
 * Must contain a `DialogTitle` and a `DialogDescription` (add `className="sr-only"` to hide
 * either visually); Radix wires them to `aria-labelledby` / `aria-describedby`.
 */
export const DialogContent = dialog.inner("DialogContent");
export const DialogHeader = dialog.inner("DialogHeader");
export const DialogFooter = dialog.inner("DialogFooter");
export const DialogTitle = dialog.inner("DialogTitle");
export const DialogDescription = dialog.inner("DialogDescription");
export const DialogClose = dialog.inner("DialogClose");

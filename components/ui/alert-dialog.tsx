"use client";

import { onDemand } from "./on-demand";

// The alert dialog's Radix code loads when one is first opened (see on-demand.tsx).
const alertDialog = onDemand(() => import("./parts/alert-dialog"), {
  popup: "dialog",
  opensOn: "click",
});

export const AlertDialog = alertDialog.root("AlertDialog");
export const AlertDialogTrigger = alertDialog.trigger("AlertDialogTrigger");
export const AlertDialogPortal = alertDialog.inner("AlertDialogPortal");
export const AlertDialogOverlay = alertDialog.inner("AlertDialogOverlay");
/** Must contain an `AlertDialogTitle` and an `AlertDialogDescription`. */
export const AlertDialogContent = alertDialog.inner("AlertDialogContent");
export const AlertDialogHeader = alertDialog.inner("AlertDialogHeader");
export const AlertDialogFooter = alertDialog.inner("AlertDialogFooter");
export const AlertDialogTitle = alertDialog.inner("AlertDialogTitle");
export const AlertDialogDescription = alertDialog.inner("AlertDialogDescription");
export const AlertDialogAction = alertDialog.inner("AlertDialogAction");
export const AlertDialogCancel = alertDialog.inner("AlertDialogCancel");

"use client";

import { onDemand } from "./on-demand";

// The popover's Radix code loads when one is first opened (see on-demand.tsx).
const popover = onDemand(() => import("./parts/popover"), { popup: "dialog", opensOn: "click" });

export const Popover = popover.root("Popover");
export const PopoverTrigger = popover.trigger("PopoverTrigger");
export const PopoverContent = popover.inner("PopoverContent");

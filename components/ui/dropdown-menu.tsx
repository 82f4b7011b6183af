"use client";

import { onDemand } from "./on-demand";

// The menu's Radix code loads when a menu is first opened (see on-demand.tsx).
const menu = onDemand(() => import("./parts/dropdown-menu"), {
  popup: "menu",
  opensOn: "pointerdown",
});

export const DropdownMenu = menu.root("DropdownMenu");
/** An icon-only trigger (e.g. a "more actions" button) needs an `aria-label`. */
export const DropdownMenuTrigger = menu.trigger("DropdownMenuTrigger");
export const DropdownMenuPortal = menu.inner("DropdownMenuPortal");
export const DropdownMenuContent = menu.inner("DropdownMenuContent");
export const DropdownMenuGroup = menu.inner("DropdownMenuGroup");
export const DropdownMenuLabel = menu.inner("DropdownMenuLabel");
export const DropdownMenuItem = menu.inner("DropdownMenuItem");
export const DropdownMenuCheckboxItem = menu.inner("DropdownMenuCheckboxItem");
export const DropdownMenuRadioGroup = menu.inner("DropdownMenuRadioGroup");
export const DropdownMenuRadioItem = menu.inner("DropdownMenuRadioItem");
export const DropdownMenuSeparator = menu.inner("DropdownMenuSeparator");
export const DropdownMenuShortcut = menu.inner("DropdownMenuShortcut");
export const DropdownMenuSub = menu.inner("DropdownMenuSub");
export const DropdownMenuSubTrigger = menu.inner("DropdownMenuSubTrigger");
export const DropdownMenuSubContent = menu.inner("DropdownMenuSubContent");

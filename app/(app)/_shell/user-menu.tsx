"use client";

import { KeyRound, LogOut, MonitorOff, Monitor, Moon, Sun, UserRound } from "lucide-react";
import dynamic from "next/dynamic";
import { useTheme } from "next-themes";
import { signOutAction } from "@/app/(app)/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useDialogs } from "./use-dialogs";

// Loaded when first opened: most pages never show them, and every page carries this menu.
const ChangePasswordDialog = dynamic(() =>
  import("@/app/(app)/account/change-password-dialog").then((m) => m.ChangePasswordDialog),
);
const SignOutEverywhereDialog = dynamic(() =>
  import("@/app/(app)/account/sign-out-everywhere-dialog").then((m) => m.SignOutEverywhereDialog),
);

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  const { theme, setTheme } = useTheme();
  const dialogs = useDialogs<"password" | "everywhere">();
  return (
    <>
      {/* Non-modal so the dialogs it opens take focus without fighting the menu's focus trap. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" aria-label={`${user.name}, user menu`}>
            <UserRound className="size-4" aria-hidden />
            <span className="hidden sm:inline">{user.name}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-56">
          <DropdownMenuLabel className="font-normal">
            <div className="font-medium">{user.name}</div>
            <div className="text-muted-foreground truncate text-xs">{user.email}</div>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuLabel className="text-muted-foreground text-xs">Theme</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={theme} onValueChange={setTheme}>
            <DropdownMenuRadioItem value="light">
              <Sun className="size-4" aria-hidden /> Light
            </DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="dark">
              <Moon className="size-4" aria-hidden /> Dark
            </DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="system">
              <Monitor className="size-4" aria-hidden /> System
            </DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => dialogs.show("password")}>
            <KeyRound className="size-4" aria-hidden /> Change password
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void signOutAction()}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => dialogs.show("everywhere")}>
            <MonitorOff className="size-4" aria-hidden /> Sign out everywhere
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {dialogs.wasOpened("password") && (
        <ChangePasswordDialog
          open={dialogs.isOpen("password")}
          onOpenChange={dialogs.onOpenChange}
        />
      )}
      {dialogs.wasOpened("everywhere") && (
        <SignOutEverywhereDialog
          open={dialogs.isOpen("everywhere")}
          onOpenChange={dialogs.onOpenChange}
        />
      )}
    </>
  );
}

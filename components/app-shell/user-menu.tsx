"use client";

import { KeyRound, LogOut, MonitorOff, Monitor, Moon, Sun, UserRound } from "lucide-react";
import { useTheme } from "next-themes";
import { useState } from "react";
import { ChangePasswordDialog } from "@/app/(app)/account/change-password-dialog";
import { SignOutEverywhereDialog } from "@/app/(app)/account/sign-out-everywhere-dialog";
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

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  const { theme, setTheme } = useTheme();
  const [dialog, setDialog] = useState<"password" | "everywhere" | null>(null);
  const close = (open: boolean) => !open && setDialog(null);
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
          <DropdownMenuItem onSelect={() => setDialog("password")}>
            <KeyRound className="size-4" aria-hidden /> Change password
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void signOutAction()}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setDialog("everywhere")}>
            <MonitorOff className="size-4" aria-hidden /> Sign out everywhere
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ChangePasswordDialog open={dialog === "password"} onOpenChange={close} />
      <SignOutEverywhereDialog open={dialog === "everywhere"} onOpenChange={close} />
    </>
  );
}

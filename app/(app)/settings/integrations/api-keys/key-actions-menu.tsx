"use client";

import { MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { KeyView } from "@/lib/keys/view";
import { KeyDialogs, type KeyDialog } from "./key-dialogs";
import { useTeams } from "./teams-context";

export function KeyActionsMenu({ apiKey }: { apiKey: KeyView }) {
  const teams = useTeams();
  const [dialog, setDialog] = useState<KeyDialog | null>(null);
  const editable = !apiKey.legacy;
  return (
    <>
      {/* Non-modal so the dialogs it opens take focus without fighting the menu's focus trap. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${apiKey.name}`}>
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={`/settings/integrations/api-keys/${apiKey.id}`}>View key details</Link>
          </DropdownMenuItem>
          {editable && (
            <>
              <DropdownMenuItem onSelect={() => setDialog("regenerate")}>
                Regenerate key
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setDialog("edit")}>
                Edit key details
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setDialog("revoke")}>
                Revoke
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <KeyDialogs apiKey={apiKey} open={dialog} onOpenChange={setDialog} teams={teams} />
    </>
  );
}

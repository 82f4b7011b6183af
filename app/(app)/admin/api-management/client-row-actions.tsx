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
import type { RevealedCredentials } from "./actions";
import { ClientDialogs, type ClientDialog } from "./client-dialogs";
import type { ClientRow } from "./clients-table";

export function ClientRowActions({
  client,
  onRotated,
}: {
  client: ClientRow;
  onRotated: (c: RevealedCredentials) => void;
}) {
  const [open, setOpen] = useState<ClientDialog | null>(null);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${client.name}`}>
            <MoreHorizontal className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={`/admin/api-management/${client.id}`}>View client details</Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("rotate")}>Rotate secret</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("edit")}>Edit client</DropdownMenuItem>
          {client.overlapEndsAt && (
            <DropdownMenuItem onSelect={() => setOpen("end-overlap")}>
              End overlap now
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setOpen("revoke")}>
            Revoke
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ClientDialogs client={client} open={open} onOpenChange={setOpen} onRotated={onRotated} />
    </>
  );
}

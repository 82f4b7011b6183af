"use client";

import { MoreHorizontal } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import {
  changeOAuthClientApis,
  revokeOAuthClient,
  rotateOAuthClientSecret,
  type RevealedCredentials,
} from "./actions";
import { ApiCheckboxes } from "@/components/api-checkboxes";
import type { ClientRow } from "./clients-table";

type Open = "rotate" | "revoke" | "apis" | null;

export function ClientRowActions({
  client,
  onRotated,
}: {
  client: ClientRow;
  onRotated: (c: RevealedCredentials) => void;
}) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const [open, setOpen] = useState<Open>(null);
  const [apis, setApis] = useState<ApiId[]>(client.apis.filter(isApiId));
  const close = (isOpen: boolean) => !isOpen && setOpen(null);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${client.name}`}>
            <MoreHorizontal className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setOpen("rotate")}>Rotate secret</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("apis")}>Edit APIs</DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setOpen("revoke")}>
            Revoke
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>

      <AlertDialog open={open === "rotate"} onOpenChange={close}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Rotate the secret of {client.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              A new secret is generated and shown once. The current secret stops working
              immediately; tokens already issued stay valid until they expire.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={pending}
              onClick={() => run(rotateOAuthClientSecret, { id: client.id }, onRotated)}
            >
              Rotate secret
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <AlertDialog open={open === "revoke"} onOpenChange={close}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Revoke {client.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              This cannot be undone. The client can no longer obtain tokens, and integrations using
              its tokens stop working immediately.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive hover:bg-destructive/90 text-white"
              disabled={pending}
              onClick={() => run(revokeOAuthClient, { id: client.id }, () => router.refresh())}
            >
              Revoke
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <Dialog open={open === "apis"} onOpenChange={close}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Edit APIs of {client.name}</DialogTitle>
            <DialogDescription>
              Tokens already issued lose any API you remove at once.
            </DialogDescription>
          </DialogHeader>
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              run(changeOAuthClientApis, { id: client.id, apis }, () => {
                setOpen(null);
                router.refresh();
              });
            }}
          >
            <ApiCheckboxes idPrefix={`edit-${client.id}`} value={apis} onChange={setApis} />
            <DialogFooter>
              <Button type="submit" disabled={pending || apis.length === 0}>
                Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

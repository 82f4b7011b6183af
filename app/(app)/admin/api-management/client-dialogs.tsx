"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiCheckboxes } from "@/components/api-checkboxes";
import {
  ExpiryField,
  expiryInput,
  initialExpiry,
  type ExpiryValue,
} from "@/components/expiry-field";
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
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import {
  changeOAuthClientApis,
  revokeOAuthClient,
  rotateOAuthClientSecret,
  type RevealedCredentials,
} from "./actions";

export type ClientDialog = "rotate" | "revoke" | "edit";

/**
 * The Rotate secret, Edit client (APIs and expiration) and Revoke dialogs of one client, shared by the clients table's
 * row menu and the client's details page.
 */
export function ClientDialogs({
  client,
  open,
  onOpenChange,
  onRotated,
}: {
  client: { id: string; name: string; apis: string[]; expiresAt: string | null };
  open: ClientDialog | null;
  onOpenChange: (dialog: ClientDialog | null) => void;
  onRotated: (credentials: RevealedCredentials) => void;
}) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const [apis, setApis] = useState<ApiId[]>(client.apis.filter(isApiId));
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(client.expiresAt));
  const close = (isOpen: boolean) => !isOpen && onOpenChange(null);

  return (
    <>
      <AlertDialog open={open === "rotate"} onOpenChange={close}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Rotate the secret of {client.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              A new secret is generated and shown once. The current secret, and every access token
              issued with it, stop working immediately.
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

      <Dialog open={open === "edit"} onOpenChange={close}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Edit {client.name}</DialogTitle>
            <DialogDescription>
              Tokens already issued lose any API you remove at once, and never outlive the
              client&apos;s expiration.
            </DialogDescription>
          </DialogHeader>
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              run(changeOAuthClientApis, { id: client.id, apis, ...expiryInput(expiry) }, () => {
                onOpenChange(null);
                router.refresh();
              });
            }}
          >
            <ApiCheckboxes idPrefix={`edit-${client.id}`} value={apis} onChange={setApis} />
            <ExpiryField
              idPrefix={`edit-${client.id}`}
              value={expiry}
              onChange={setExpiry}
              current={client.expiresAt}
            />
            <DialogFooter>
              <Button
                type="submit"
                disabled={
                  pending || apis.length === 0 || (expiry.expiry === "date" && !expiry.date)
                }
              >
                Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

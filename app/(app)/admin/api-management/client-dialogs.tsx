"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import dynamic from "next/dynamic";
import { useRunAction } from "@/components/forms/use-run-action";
import { OverlapSelect } from "@/components/credentials/overlap-select";
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
import { overlapOptions, type OverlapId } from "@/lib/keys/lifecycle";
import {
  endOAuthClientSecretOverlap,
  revokeOAuthClient,
  rotateOAuthClientSecret,
  type RevealedCredentials,
} from "./actions";
import { When } from "./when";

// The edit form (fields, checkboxes, date handling) loads when Edit client is chosen.
const EditClientDialog = dynamic(() =>
  import("./edit-client-dialog").then((m) => m.EditClientDialog),
);

export type ClientDialog = "rotate" | "revoke" | "edit" | "end-overlap";

export type DialogClient = {
  id: string;
  name: string;
  apis: string[];
  ipAllowlist: string[];
  rateLimitPerMinute: number | null;
  expiresAt: string | null;
  overlapEndsAt: string | null;
};

/**
 * The Rotate secret, Edit client (APIs, expiration and access rules), End overlap and Revoke
 * dialogs of one client, shared by the clients table's row menu and the client's details page.
 */
export function ClientDialogs({
  client,
  open,
  onOpenChange,
  onRotated,
}: {
  client: DialogClient;
  open: ClientDialog | null;
  onOpenChange: (dialog: ClientDialog | null) => void;
  onRotated: (credentials: RevealedCredentials) => void;
}) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const close = (isOpen: boolean) => !isOpen && onOpenChange(null);

  return (
    <>
      <RotateSecretDialog
        client={client}
        open={open === "rotate"}
        onOpenChange={close}
        onRotated={onRotated}
      />

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

      <AlertDialog open={open === "end-overlap"} onOpenChange={close}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>End the overlap of {client.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              The previous secret, and every access token issued with it, stop working now instead
              of on <When iso={client.overlapEndsAt} />. The current secret keeps working.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive hover:bg-destructive/90 text-white"
              disabled={pending}
              onClick={() =>
                run(endOAuthClientSecretOverlap, { id: client.id }, () => router.refresh())
              }
            >
              End overlap now
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      {open === "edit" && <EditClientDialog client={client} onOpenChange={close} />}
    </>
  );
}

function RotateSecretDialog({
  client,
  open,
  onOpenChange,
  onRotated,
}: {
  client: DialogClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRotated: (credentials: RevealedCredentials) => void;
}) {
  const [pending, run] = useRunAction();
  const [overlap, setOverlap] = useState<OverlapId>("now");
  const window = overlapOptions.find((o) => o.id === overlap)!;
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Rotate the secret of {client.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            {overlap === "now"
              ? "A new secret is generated and shown once. The current secret, and every access token issued with it, stop working immediately."
              : `A new secret is generated and shown once. The current secret, and the access tokens issued with it, keep working for ${window.label}, then stop.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <OverlapSelect
          id={`rotate-overlap-${client.id}`}
          label="Old secret stops working"
          value={overlap}
          onChange={setOverlap}
        />
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            onClick={() =>
              run(rotateOAuthClientSecret, { id: client.id, overlap }, (credentials) => {
                setOverlap("now");
                onRotated(credentials);
              })
            }
          >
            Rotate secret
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

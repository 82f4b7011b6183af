"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiCheckboxes } from "@/components/api-checkboxes";
import {
  AccessRuleFields,
  accessRuleFieldValues,
  type AccessRuleFieldValues,
} from "@/components/credentials/access-rule-fields";
import {
  ExpiryField,
  expiryInput,
  initialExpiry,
  type ExpiryValue,
} from "@/components/expiry-field";
import { DialogForm } from "@/components/forms/dialog-form";
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
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import { overlapOptions, type OverlapId } from "@/lib/keys/lifecycle";
import {
  endOAuthClientSecretOverlap,
  revokeOAuthClient,
  rotateOAuthClientSecret,
  updateOAuthClient,
  type RevealedCredentials,
} from "./actions";
import { When } from "./when";

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

function EditClientDialog({
  client,
  onOpenChange,
}: {
  client: DialogClient;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [apis, setApis] = useState<ApiId[]>(client.apis.filter(isApiId));
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(client.expiresAt));
  const [access, setAccess] = useState<AccessRuleFieldValues>(() => accessRuleFieldValues(client));
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, run] = useRunAction();
  const submit = () =>
    run(
      updateOAuthClient,
      { id: client.id, apis, ...expiryInput(expiry), ...access },
      {
        onFailure: setFailure,
        onSuccess: () => {
          onOpenChange(false);
          router.refresh();
        },
      },
    );
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {client.name}</DialogTitle>
          <DialogDescription>
            Tokens already issued lose any API you remove at once, never outlive the client&apos;s
            expiration, and meet the access restrictions from their next request.
          </DialogDescription>
        </DialogHeader>
        <DialogForm
          onSubmit={submit}
          failure={failure}
          pending={pending}
          disabled={apis.length === 0 || (expiry.expiry === "date" && !expiry.date)}
          submit="Save"
          submitting="Saving…"
        >
          <ApiCheckboxes
            idPrefix={`edit-${client.id}`}
            value={apis}
            onChange={setApis}
            error={failure?.fieldErrors?.apis?.[0]}
          />
          <ExpiryField
            idPrefix={`edit-${client.id}`}
            value={expiry}
            onChange={setExpiry}
            current={client.expiresAt}
            error={failure?.fieldErrors?.expiresAt?.[0]}
          />
          <AccessRuleFields
            idPrefix={`edit-${client.id}`}
            values={access}
            onChange={setAccess}
            errors={failure?.fieldErrors}
          />
        </DialogForm>
      </DialogContent>
    </Dialog>
  );
}

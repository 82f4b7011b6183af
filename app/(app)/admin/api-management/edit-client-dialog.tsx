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
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import { updateOAuthClient } from "./actions";
import type { DialogClient } from "./client-dialogs";

/** Edit client: its APIs, expiration and access rules. */
export function EditClientDialog({
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

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  AccessRuleFields,
  accessRuleFieldValues,
  type AccessRuleFieldValues,
} from "@/components/credentials/access-rule-fields";
import { initialExpiry } from "@/components/expiry-field";
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
import type { KeyView } from "@/lib/keys/view";
import { updateApiKey } from "../actions";
import { KeyFields, keyInput, type KeyFieldValues, type TeamOption } from "./key-fields";

export function EditKeyDialog({
  apiKey,
  teams,
  onOpenChange,
}: {
  apiKey: KeyView;
  teams: TeamOption[];
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<KeyFieldValues>({
    name: apiKey.name,
    teamId: apiKey.teamId ?? "",
    apis: apiKey.apis,
    expiry: initialExpiry(apiKey.expiresAt),
  });
  const [access, setAccess] = useState<AccessRuleFieldValues>(() => accessRuleFieldValues(apiKey));
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, run] = useRunAction();
  const submit = () =>
    run(
      updateApiKey,
      { keyId: apiKey.id, ...keyInput(values), ...access },
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
          <DialogTitle>Edit key details</DialogTitle>
          <DialogDescription>
            Change the name, team, APIs, expiration or access restrictions of {apiKey.name}. The key
            itself stays the same.
          </DialogDescription>
        </DialogHeader>
        <DialogForm
          onSubmit={submit}
          failure={failure}
          pending={pending}
          disabled={values.apis.length === 0}
          submit="Save"
          submitting="Saving…"
        >
          <KeyFields
            idPrefix="edit"
            values={values}
            onChange={setValues}
            teams={teams}
            errors={failure?.fieldErrors}
            currentExpiry={apiKey.expiresAt}
          />
          <AccessRuleFields
            idPrefix="edit"
            values={access}
            onChange={setAccess}
            errors={failure?.fieldErrors}
          />
        </DialogForm>
      </DialogContent>
    </Dialog>
  );
}

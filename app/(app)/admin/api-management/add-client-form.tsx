"use client";

import { startTransition, useActionState, useState } from "react";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { useWithPageOrg } from "@/components/forms/page-org";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiIds, type ApiId } from "@/lib/api-catalogue";
import { ApiCheckboxes } from "@/components/api-checkboxes";
import { AccessRuleFields, emptyAccessRules } from "@/components/credentials/access-rule-fields";
import {
  ExpiryField,
  expiryInput,
  initialExpiry,
  type ExpiryValue,
} from "@/components/expiry-field";
import { createOAuthClient, type RevealedCredentials } from "./actions";

export function AddClientForm({
  onCreated,
  onCancel,
}: {
  onCreated: (credentials: RevealedCredentials) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState("");
  const [apis, setApis] = useState<ApiId[]>([...apiIds]);
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry());
  const [access, setAccess] = useState(emptyAccessRules);
  const withPageOrg = useWithPageOrg();
  const [state, action, pending] = useActionState(async (prev: unknown) => {
    const result = await createOAuthClient(
      prev,
      withPageOrg({ name, apis, ...expiryInput(expiry), ...access }),
    );
    if (result.ok) onCreated(result.data);
    return result;
  }, null);
  const apisError = state && !state.ok ? state.fieldErrors?.apis?.[0] : undefined;

  return (
    <section aria-labelledby="add-client-heading" className="max-w-xl space-y-6">
      <div>
        <h1 id="add-client-heading" className="text-2xl font-semibold">
          Add client
        </h1>
        <p className="text-muted-foreground text-sm">
          A client ID and secret are generated when you save; the secret is shown only once.
        </p>
      </div>
      {/* Submitted from onSubmit, not as a form action: React resets a form after its action, and
          the checkboxes would take that reset as clicks back to their first state, losing the
          selection when a save fails. */}
      <form
        className="grid gap-6"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(action);
        }}
      >
        <div className="grid gap-2">
          <Label htmlFor="name">API Client Name</Label>
          <Input
            {...fieldProps(state, "name")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            autoFocus
          />
          <FieldError state={state} name="name" />
        </div>
        <ApiCheckboxes idPrefix="new" value={apis} onChange={setApis} error={apisError} />
        <ExpiryField
          idPrefix="new"
          value={expiry}
          onChange={setExpiry}
          error={state && !state.ok ? state.fieldErrors?.expiresAt?.[0] : undefined}
        />
        <AccessRuleFields
          idPrefix="new"
          values={access}
          onChange={setAccess}
          errors={state && !state.ok ? state.fieldErrors : undefined}
        />
        <FormError state={state} />
        <div className="flex gap-3">
          <SubmitButton pending={pending} pendingText="Saving…">
            Save
          </SubmitButton>
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

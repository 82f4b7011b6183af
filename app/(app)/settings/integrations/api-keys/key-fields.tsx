"use client";

import { ApiCheckboxes } from "@/components/api-checkboxes";
import { ExpiryField, expiryInput, type ExpiryValue } from "@/components/expiry-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export type KeyFieldValues = { name: string; teamId: string; apis: string[]; expiry: ExpiryValue };

/** The fields as the create and update actions take them. */
export function keyInput({ expiry, ...values }: KeyFieldValues) {
  return { ...values, ...expiryInput(expiry) };
}
export type TeamOption = { id: string; name: string };

/**
 * Name, team, APIs and expiration: shared by the Generate and Edit dialogs (`currentExpiry`: the
 * key's expiry, in Edit).
 */
export function KeyFields({
  values,
  onChange,
  teams,
  errors,
  idPrefix,
  currentExpiry,
}: {
  values: KeyFieldValues;
  onChange: (values: KeyFieldValues) => void;
  teams: TeamOption[];
  errors?: Record<string, string[]>;
  idPrefix: string;
  currentExpiry?: string | null;
}) {
  const apisError =
    errors?.apis?.[0] ?? (values.apis.length === 0 ? "Select at least one API." : null);
  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor={`${idPrefix}-name`}>Key name</Label>
        <Input
          id={`${idPrefix}-name`}
          value={values.name}
          maxLength={64}
          onChange={(e) => onChange({ ...values, name: e.target.value })}
          aria-invalid={!!errors?.name || undefined}
        />
        {errors?.name && <p className="text-destructive text-sm">{errors.name[0]}</p>}
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${idPrefix}-team`}>Team (optional)</Label>
        <NativeSelect
          id={`${idPrefix}-team`}
          value={values.teamId}
          onChange={(e) => onChange({ ...values, teamId: e.target.value })}
        >
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <ApiCheckboxes
        idPrefix={idPrefix}
        value={values.apis}
        onChange={(apis) => onChange({ ...values, apis })}
        error={apisError}
      />
      <ExpiryField
        idPrefix={idPrefix}
        value={values.expiry}
        onChange={(expiry) => onChange({ ...values, expiry })}
        current={currentExpiry}
        error={errors?.expiresAt?.[0] ?? errors?.expiry?.[0]}
      />
    </div>
  );
}

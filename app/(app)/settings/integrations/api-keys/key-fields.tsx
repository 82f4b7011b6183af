"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { apiCatalogue } from "@/lib/api-catalogue";

export type KeyFieldValues = { name: string; teamId: string; apis: string[] };
export type TeamOption = { id: string; name: string };

/** Name, team and APIs: shared by the Generate and Edit dialogs. */
export function KeyFields({
  values,
  onChange,
  teams,
  errors,
  idPrefix,
}: {
  values: KeyFieldValues;
  onChange: (values: KeyFieldValues) => void;
  teams: TeamOption[];
  errors?: Record<string, string[]>;
  idPrefix: string;
}) {
  const toggle = (api: string, on: boolean) =>
    onChange({
      ...values,
      apis: on ? [...values.apis, api] : values.apis.filter((a) => a !== api),
    });
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
      <fieldset
        className="grid gap-2"
        aria-describedby={apisError ? `${idPrefix}-apis-error` : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Select APIs for access</legend>
        {apiCatalogue.map((api) => (
          <div key={api.id} className="flex items-start gap-2">
            <Checkbox
              id={`${idPrefix}-api-${api.id}`}
              checked={values.apis.includes(api.id)}
              onCheckedChange={(on) => toggle(api.id, on === true)}
              aria-describedby={`${idPrefix}-api-${api.id}-description`}
            />
            <div className="grid gap-0.5 leading-none">
              <Label htmlFor={`${idPrefix}-api-${api.id}`}>{api.label}</Label>
              <p
                id={`${idPrefix}-api-${api.id}-description`}
                className="text-muted-foreground text-xs"
              >
                {api.description}
              </p>
            </div>
          </div>
        ))}
        {apisError && (
          <p id={`${idPrefix}-apis-error`} className="text-destructive text-sm" role="alert">
            {apisError}
          </p>
        )}
      </fieldset>
    </div>
  );
}

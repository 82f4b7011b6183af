"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { apiCatalogue, type ApiId } from "@/lib/api-catalogue";

export function ApiCheckboxes({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: ApiId[];
  onChange: (apis: ApiId[]) => void;
  error?: string;
}) {
  const toggle = (id: ApiId, checked: boolean) =>
    onChange(checked ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset
      className="grid gap-3"
      aria-describedby={error ? `${idPrefix}-apis-error` : undefined}
    >
      <legend className="mb-2 text-sm font-medium">Select APIs for access</legend>
      {apiCatalogue.map((api) => (
        <div key={api.id} className="flex items-start gap-3">
          <Checkbox
            id={`${idPrefix}-api-${api.id}`}
            checked={value.includes(api.id)}
            onCheckedChange={(checked) => toggle(api.id, checked === true)}
            aria-describedby={`${idPrefix}-api-${api.id}-description`}
          />
          <div className="grid gap-0.5">
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
      {error && (
        <p id={`${idPrefix}-apis-error`} className="text-destructive text-sm">
          {error}
        </p>
      )}
    </fieldset>
  );
}

"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { apiCatalogue, type ApiId } from "@/lib/api-catalogue";

/** "Select APIs for access": one checkbox per API of the catalogue, for keys and OAuth clients. */
export function ApiCheckboxes({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: readonly string[];
  onChange: (apis: ApiId[]) => void;
  error?: string | null;
}) {
  // Rebuilt from the catalogue so the selection keeps the catalogue's order.
  const toggle = (changed: ApiId, checked: boolean) =>
    onChange(
      apiCatalogue
        .map((api) => api.id)
        .filter((id) => (id === changed ? checked : value.includes(id))),
    );
  return (
    <fieldset
      className="grid gap-2"
      aria-describedby={error ? `${idPrefix}-apis-error` : undefined}
    >
      <legend className="mb-1 text-sm font-medium">Select APIs for access</legend>
      {apiCatalogue.map((api) => (
        <div key={api.id} className="flex items-start gap-2">
          <Checkbox
            id={`${idPrefix}-api-${api.id}`}
            checked={value.includes(api.id)}
            onCheckedChange={(checked) => toggle(api.id, checked === true)}
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
      {error && (
        <p id={`${idPrefix}-apis-error`} className="text-destructive text-sm" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

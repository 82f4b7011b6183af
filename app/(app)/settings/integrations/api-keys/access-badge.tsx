"use client";

import { Badge } from "@/components/ui/badge";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { apiLabel, isApiId } from "@/lib/api-catalogue";

/** Full, or Partial with the granted APIs one click (or Enter) away. */
export function AccessBadge({ apis, access }: { apis: string[]; access: "Full" | "Partial" }) {
  if (access === "Full") return <Badge variant="secondary">Full</Badge>;
  const labels = apis.filter(isApiId).map(apiLabel).join(", ");
  return (
    <Popover>
      <PopoverTrigger asChild>
        <button
          type="button"
          title={labels}
          className="focus-visible:ring-ring/50 rounded-md outline-hidden focus-visible:ring-3"
        >
          <Badge variant="outline">Partial</Badge>
          <span className="sr-only">: {labels}</span>
        </button>
      </PopoverTrigger>
      <PopoverContent className="w-auto text-sm">
        <p className="font-medium">APIs this key can use</p>
        <ul className="mt-1 list-disc pl-5">
          {apis.filter(isApiId).map((api) => (
            <li key={api}>{apiLabel(api)}</li>
          ))}
        </ul>
      </PopoverContent>
    </Popover>
  );
}

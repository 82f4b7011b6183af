"use client";

import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import type { KeyView } from "@/lib/keys/view";
import { activeColumns, archivedColumns } from "./columns";
import { GenerateKeyDialog } from "./generate-key-dialog";
import type { TeamOption } from "./key-fields";
import { TeamsProvider } from "./teams-context";

export function ApiKeysSection({
  active,
  archived,
  teams,
}: {
  active: KeyView[];
  archived: KeyView[];
  teams: TeamOption[];
}) {
  const [showArchived, setShowArchived] = useState(false);
  const hasLegacy = active.some((k) => k.legacy);
  return (
    <TeamsProvider value={teams}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Button
            variant="outline"
            aria-pressed={showArchived}
            onClick={() => setShowArchived((v) => !v)}
          >
            {showArchived ? "View active keys" : "View archived keys"}
          </Button>
          <GenerateKeyDialog teams={teams} />
        </div>
        {hasLegacy && !showArchived && (
          <p className="bg-muted rounded-md p-3 text-sm" role="note">
            Legacy keys will be deprecated; create a new key and switch to it. Legacy keys can be
            viewed but not edited, regenerated or revoked.
          </p>
        )}
        {showArchived ? (
          <>
            <h4 className="font-medium">Archived keys</h4>
            <p className="text-muted-foreground text-sm">
              Revoked keys, read-only. The 10 most recently archived keys are kept.
            </p>
            <DataTable
              label="Archived API keys"
              columns={archivedColumns}
              data={archived}
              getRowId={(k) => k.id}
              rowTestId={(k) => `archived-key-${k.id}`}
              empty="No archived keys."
            />
          </>
        ) : active.length === 0 ? (
          <p className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm">
            No API key has been generated
          </p>
        ) : (
          <DataTable
            label="API keys"
            columns={activeColumns}
            data={active}
            getRowId={(k) => k.id}
            rowTestId={(k) => `api-key-${k.id}`}
          />
        )}
      </div>
    </TeamsProvider>
  );
}

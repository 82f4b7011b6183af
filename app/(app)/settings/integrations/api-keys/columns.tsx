"use client";

import { OverlapCountdown } from "@/components/credentials/overlap-countdown";
import type { Column } from "@/components/data-table/data-table";
import { ExpiresIn } from "@/components/expires-in";
import type { KeyView } from "@/lib/keys/view";
import { AccessBadge } from "./access-badge";
import { KeyActionsMenu } from "./key-actions-menu";
import { LocalTime } from "./local-time";
import { StatusBadges } from "./status-badge";

const base: Column<KeyView>[] = [
  {
    accessorKey: "name",
    header: "Name",
    cell: ({ row }) => <span className="font-medium">{row.original.name}</span>,
  },
  {
    accessorKey: "masked",
    header: "Key",
    cell: ({ row }) => <code className="font-mono text-xs">{row.original.masked}</code>,
  },
  {
    accessorKey: "access",
    header: "Access",
    cell: ({ row }) => <AccessBadge apis={row.original.apis} access={row.original.access} />,
  },
  {
    accessorKey: "teamName",
    header: "Team",
    cell: ({ row }) => row.original.teamName ?? <span className="text-muted-foreground">—</span>,
  },
  { accessorKey: "createdByName", header: "Created by" },
  {
    accessorKey: "createdAt",
    header: "Created",
    cell: ({ row }) => <LocalTime iso={row.original.createdAt} />,
  },
];

export const activeColumns: Column<KeyView>[] = [
  ...base,
  {
    accessorKey: "lastUsedAt",
    header: "Last used",
    cell: ({ row }) => <LocalTime iso={row.original.lastUsedAt} />,
  },
  {
    accessorKey: "expiresAt",
    header: "Expires",
    cell: ({ row }) => <ExpiresIn iso={row.original.expiresAt} />,
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => (
      <span className="flex flex-col gap-1">
        <StatusBadges apiKey={row.original} />
        {row.original.overlapEndsAt && (
          <span className="text-muted-foreground text-xs">
            Previous key:{" "}
            <OverlapCountdown endsAt={row.original.overlapEndsAt} what="The previous key" />
          </span>
        )}
      </span>
    ),
  },
  {
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <KeyActionsMenu apiKey={row.original} />,
  },
];

export const archivedColumns: Column<KeyView>[] = [
  ...base,
  {
    accessorKey: "archivedAt",
    header: "Revoked",
    cell: ({ row }) => <LocalTime iso={row.original.archivedAt} />,
  },
];

"use client";

import Link from "next/link";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { ExpiresIn } from "@/components/expires-in";
import { Badge } from "@/components/ui/badge";
import { accessLevel, apiLabel, isApiId } from "@/lib/api-catalogue";
import type { RevealedCredentials } from "./actions";
import { OverlapCountdown } from "@/components/credentials/overlap-countdown";
import { ClientRowActions } from "./client-row-actions";
import { ClientStatusBadge } from "./client-status-badge";
import { When } from "./when";

export type ClientRow = {
  id: string;
  name: string;
  clientId: string;
  apis: string[];
  createdAt: string;
  createdBy: string;
  status: "Active" | "Revoked" | "Expired";
  expiresAt: string | null;
  lastUsedAt: string | null;
  ipAllowlist: string[];
  rateLimitPerMinute: number | null;
  /** When the previous secret of an overlap rotation stops working, while it still works. */
  overlapEndsAt: string | null;
};

function columns(onRotated: (c: RevealedCredentials) => void): Column<ClientRow>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link
          href={`/admin/api-management/${row.original.id}`}
          className="font-medium break-words whitespace-normal underline-offset-4 hover:underline"
        >
          {row.original.name}
        </Link>
      ),
    },
    {
      accessorKey: "clientId",
      header: "Client ID",
      cell: ({ row }) => (
        <code className="font-mono text-xs break-all whitespace-normal">
          {row.original.clientId}
        </code>
      ),
    },
    {
      id: "apis",
      header: "APIs",
      cell: ({ row }) => {
        const level = accessLevel(row.original.apis);
        const labels = row.original.apis.filter(isApiId).map(apiLabel).join(", ");
        return (
          <span className="flex flex-col gap-1">
            <Badge variant={level === "Full" ? "secondary" : "outline"} title={labels}>
              {level}
            </Badge>
            {level === "Partial" && (
              <span className="text-muted-foreground max-w-40 text-xs whitespace-normal">
                {labels}
              </span>
            )}
          </span>
        );
      },
    },
    {
      accessorKey: "createdAt",
      header: "Created",
      cell: ({ row }) => <When iso={row.original.createdAt} />,
    },
    { accessorKey: "createdBy", header: "Created by" },
    {
      accessorKey: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="flex flex-col gap-1">
          <ClientStatusBadge status={row.original.status} />
          {row.original.status === "Active" && row.original.overlapEndsAt && (
            <span className="text-muted-foreground text-xs">
              Previous secret:{" "}
              <OverlapCountdown endsAt={row.original.overlapEndsAt} what="The previous secret" />
            </span>
          )}
        </span>
      ),
    },
    {
      accessorKey: "expiresAt",
      header: "Expires",
      cell: ({ row }) =>
        row.original.status === "Revoked" ? (
          <span className="text-muted-foreground">—</span>
        ) : (
          <ExpiresIn iso={row.original.expiresAt} />
        ),
    },
    {
      accessorKey: "lastUsedAt",
      header: "Last used",
      cell: ({ row }) => <When iso={row.original.lastUsedAt} />,
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        row.original.status === "Active" ? (
          <ClientRowActions client={row.original} onRotated={onRotated} />
        ) : null,
    },
  ];
}

export function ClientsTable({
  clients,
  onRotated,
}: {
  clients: ClientRow[];
  onRotated: (c: RevealedCredentials) => void;
}) {
  return (
    <DataTable
      label="OAuth clients"
      columns={columns(onRotated)}
      data={clients}
      getRowId={(row) => row.id}
      rowTestId={(row) => `client-row-${row.name}`}
      empty="No API clients yet. Use ADD CLIENT to create one."
    />
  );
}

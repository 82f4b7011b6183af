import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { auditActionLabels } from "@/lib/audit/events";
import type { AuditAction } from "@/db/schema";
import type { AuditRowView } from "./audit-row";
import { LocalTime } from "./local-time";

const actionVariant: Record<AuditAction, "success" | "secondary" | "destructive"> = {
  create: "success",
  update: "secondary",
  delete: "destructive",
};

function columns(order: "newest" | "oldest", toggleOrderHref: string): Column<AuditRowView>[] {
  return [
    {
      id: "time",
      header: () => (
        <Link
          href={toggleOrderHref}
          className="inline-flex items-center gap-1 hover:underline"
          aria-label={`Time, ${order === "newest" ? "newest" : "oldest"} first. Show ${order === "newest" ? "oldest" : "newest"} first`}
        >
          Time
          {order === "newest" ? (
            <ArrowDown className="size-3" aria-hidden />
          ) : (
            <ArrowUp className="size-3" aria-hidden />
          )}
        </Link>
      ),
      cell: ({ row }) => <LocalTime iso={row.original.occurredAt} />,
    },
    {
      id: "actor",
      header: "Actor",
      cell: ({ row }) => {
        const { actor } = row.original;
        return (
          <div className="min-w-0">
            <div className="font-medium">{actor.name}</div>
            {actor.email && <div className="text-muted-foreground text-xs">{actor.email}</div>}
          </div>
        );
      },
    },
    {
      id: "action",
      header: "Action",
      cell: ({ row }) => (
        <Badge variant={actionVariant[row.original.action]} title={row.original.event}>
          {auditActionLabels[row.original.action]}
        </Badge>
      ),
    },
    {
      id: "target",
      header: "Target",
      cell: ({ row }) => {
        const { target } = row.original;
        const name = target.name ?? target.id;
        return (
          <div className="min-w-0">
            <div className="text-muted-foreground text-xs">{target.type.replace(/_/g, " ")}</div>
            {target.href ? (
              <Link href={target.href} className="font-medium underline-offset-2 hover:underline">
                {name}
              </Link>
            ) : (
              <span className="font-medium">{name}</span>
            )}
          </div>
        );
      },
    },
    { id: "team", header: "Team", cell: ({ row }) => row.original.team ?? "—" },
    {
      id: "changed",
      header: "What changed",
      cell: ({ row }) => <span className="break-words">{row.original.changed}</span>,
    },
    {
      id: "ip",
      header: "IP",
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip ?? "—"}</span>,
    },
  ];
}

export function AuditLogTable({
  rows,
  order,
  toggleOrderHref,
  empty,
}: {
  rows: AuditRowView[];
  order: "newest" | "oldest";
  toggleOrderHref: string;
  empty: React.ReactNode;
}) {
  return (
    <DataTable
      label="Audit events"
      columns={columns(order, toggleOrderHref)}
      data={rows}
      getRowId={(r) => String(r.id)}
      rowTestId={(r) => `audit-row-${r.id}`}
      empty={empty}
    />
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { listAuditActors, listAuditEvents, type AuditListRow } from "@/db/queries/audit-events";
import { listTeams } from "@/db/queries/teams";
import { pageContext } from "@/lib/auth/page-context";
import { systemActorLabel } from "@/lib/audit/actors";
import { describeChanges } from "@/lib/audit/describe";
import {
  encodeCursor,
  filterParams,
  hasActiveFilters,
  parseAuditParams,
} from "@/lib/audit/filters";
import { targetHref } from "@/lib/audit/targets";
import { AuditFilters } from "./filters/audit-filters";
import { ClearFiltersButton } from "./filters/clear-filters-button";
import { AuditLogTable } from "./audit-log-table";
import type { AuditRowView } from "./audit-row";
import { ExportButtons } from "./export-buttons";

export const metadata: Metadata = { title: "Audit logs" };

function toView(row: AuditListRow): AuditRowView {
  const system = row.actorType === "system";
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: {
      name: system
        ? systemActorLabel(row.actorName)
        : (row.actorName ?? row.actorEmail ?? row.actorId ?? "Unknown"),
      email: system ? null : row.actorEmail,
      system,
    },
    action: row.action,
    event: row.event,
    target: {
      type: row.targetType,
      name: row.targetName,
      id: row.targetId,
      href: targetHref(row.targetType, row.targetId),
    },
    team: row.teamName,
    changed: describeChanges(row.event, row.changes, row.description),
    ip: row.ip,
  };
}

export default async function AuditLogsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await pageContext("admin");
  const req = parseAuditParams(await searchParams);
  const [page, teams, { actors, hasSystem }] = await Promise.all([
    listAuditEvents(ctx.org.id, req),
    listTeams(ctx.org.id),
    listAuditActors(ctx.org.id),
  ]);

  const base = filterParams(req);
  const hrefWith = (extra: Record<string, string>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const query = p.toString();
    return query ? `?${query}` : "?";
  };
  const toggled = new URLSearchParams(base);
  if (req.order === "newest") toggled.set("order", "oldest");
  else toggled.delete("order");
  const exportQuery = filterParams({ ...req, pageSize: undefined }).toString();
  const filtered = hasActiveFilters(req);

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="audit-heading" className="text-lg font-semibold">
            Audit logs
          </h2>
          <p className="text-muted-foreground text-sm">
            Every change to keys, clients, teams and members in {ctx.org.name}. Times are shown in
            your time zone; hover one for the exact UTC time.
          </p>
        </div>
        <ExportButtons query={exportQuery} />
      </div>

      <AuditFilters
        options={{
          teams: teams.map((t) => ({ id: t.id, name: t.name })),
          actors: [
            ...(hasSystem ? [{ id: "system", label: "System" }] : []),
            ...actors.map((a) => ({
              id: a.id,
              label: a.name && a.email ? `${a.name} (${a.email})` : (a.name ?? a.email ?? a.id),
            })),
          ],
        }}
        values={{
          teams: req.teams,
          action: req.action ?? "",
          actor: req.actor ?? "",
          range: req.range ?? "",
          from: req.from?.toISOString() ?? "",
          to: req.to?.toISOString() ?? "",
          q: req.q ?? "",
        }}
      />

      <AuditLogTable
        rows={page.rows.map(toView)}
        order={req.order}
        toggleOrderHref={toggled.size ? `?${toggled}` : "?"}
        empty={
          <div className="flex flex-col items-center gap-3 py-6">
            <p data-testid="audit-empty">
              {filtered ? "No audit events match these filters" : "No audit events yet"}
            </p>
            {filtered && <ClearFiltersButton />}
          </div>
        }
      />

      <nav aria-label="Audit log pages" className="flex items-center justify-end gap-2">
        {page.prev ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={hrefWith({ before: encodeCursor(page.prev) })}>
              <ChevronLeft className="size-4" aria-hidden />
              Previous page
            </Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            <ChevronLeft className="size-4" aria-hidden />
            Previous page
          </Button>
        )}
        {page.next ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={hrefWith({ after: encodeCursor(page.next) })}>
              Next page
              <ChevronRight className="size-4" aria-hidden />
            </Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            Next page
            <ChevronRight className="size-4" aria-hidden />
          </Button>
        )}
      </nav>
    </section>
  );
}

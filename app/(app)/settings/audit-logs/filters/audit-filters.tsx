"use client";

import { auditActionLabels, auditActions } from "@/lib/audit/events";
import { FilterSelect } from "./filter-select";
import { RangeFilter } from "./range-filter";
import { SearchForm } from "./search-form";
import { TeamFilter } from "./team-filter";
import type { FilterOptions, FilterValues } from "./types";
import { useFilterUrl } from "./use-filter-url";

const actionOptions = auditActions.map((a) => ({ value: a, label: auditActionLabels[a] }));

/** The audit log's search and filter bar; every change goes into the page's URL. */
export function AuditFilters({
  options,
  values,
}: {
  options: FilterOptions;
  values: FilterValues;
}) {
  const { pending, apply, setParam } = useFilterUrl();
  return (
    <div className="space-y-3" aria-busy={pending}>
      <SearchForm initial={values.q} onSearch={(q) => setParam("q", q)} />

      <div className="flex flex-wrap items-end gap-3">
        <TeamFilter teams={options.teams} selected={values.teams} apply={apply} />
        <FilterSelect
          id="audit-action"
          label="Action"
          allLabel="All actions"
          className="w-36"
          options={actionOptions}
          value={values.action}
          onChange={(v) => setParam("action", v)}
        />
        <FilterSelect
          id="audit-actor"
          label="Actor"
          allLabel="All actors"
          className="w-56"
          options={options.actors.map((a) => ({ value: a.id, label: a.label }))}
          value={values.actor}
          onChange={(v) => setParam("actor", v)}
        />
        <RangeFilter values={values} apply={apply} />
      </div>
    </div>
  );
}

"use client";

import { format } from "date-fns";
import { ChevronDown, Search, X } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { auditActionLabels, auditActions } from "@/lib/audit/events";
import { rangePresets } from "@/lib/audit/filters";

export type FilterOptions = {
  teams: { id: string; name: string }[];
  actors: { id: string; label: string }[];
};

export type FilterValues = {
  teams: string[];
  action: string;
  actor: string;
  range: string;
  from: string;
  to: string;
  q: string;
};

/** ISO instant → the value a datetime-local input shows, in the viewer's time zone. */
const toLocalInput = (iso: string) => (iso ? format(new Date(iso), "yyyy-MM-dd'T'HH:mm") : "");
/** datetime-local value (viewer's zone) → ISO instant for the URL, so the server needs no zone. */
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : "");

export function AuditFilters({
  options,
  values,
}: {
  options: FilterOptions;
  values: FilterValues;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(values.q);
  const custom = values.from || values.to ? "custom" : values.range;
  const [rangeChoice, setRangeChoice] = useState(custom);
  const [from, setFrom] = useState(() => toLocalInput(values.from));
  const [to, setTo] = useState(() => toLocalInput(values.to));

  function apply(change: (p: URLSearchParams) => void) {
    const p = new URLSearchParams(searchParams.toString());
    // Any filter change starts again from the first page.
    p.delete("after");
    p.delete("before");
    change(p);
    const query = p.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname));
  }
  const setParam = (key: string, value: string) =>
    apply((p) => (value ? p.set(key, value) : p.delete(key)));

  function toggleTeam(id: string, checked: boolean) {
    apply((p) => {
      const teams = new Set(p.getAll("team"));
      if (checked) teams.add(id);
      else teams.delete(id);
      p.delete("team");
      for (const t of teams) p.append("team", t);
    });
  }

  function chooseRange(value: string) {
    setRangeChoice(value);
    if (value === "custom") return;
    apply((p) => {
      p.delete("from");
      p.delete("to");
      if (value) p.set("range", value);
      else p.delete("range");
    });
  }

  function applyCustomRange(event: React.FormEvent) {
    event.preventDefault();
    apply((p) => {
      p.delete("range");
      const f = fromLocalInput(from);
      const t = fromLocalInput(to);
      if (f) p.set("from", f);
      else p.delete("from");
      if (t) p.set("to", t);
      else p.delete("to");
    });
  }

  const selectedTeams = options.teams.filter((t) => values.teams.includes(t.id));
  const teamSummary =
    selectedTeams.length === 0
      ? "All teams"
      : selectedTeams.length === 1
        ? selectedTeams[0]!.name
        : `${selectedTeams.length} teams`;

  return (
    <div className="space-y-3" aria-busy={pending}>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setParam("q", q.trim());
        }}
      >
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor="audit-search">Search logs by</Label>
          <Input
            id="audit-search"
            type="search"
            value={q}
            maxLength={200}
            placeholder="Actor, target or details"
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary">
          <Search className="size-4" aria-hidden />
          Search
        </Button>
      </form>

      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <span id="audit-teams-label" className="text-sm font-medium">
            Team(s)
          </span>
          <Popover>
            <PopoverTrigger asChild>
              <Button
                variant="outline"
                className="w-48 justify-between"
                aria-labelledby="audit-teams-label audit-teams-summary"
              >
                <span id="audit-teams-summary" className="truncate">
                  {teamSummary}
                </span>
                <ChevronDown className="size-4 opacity-60" aria-hidden />
              </Button>
            </PopoverTrigger>
            <PopoverContent className="w-64" align="start">
              <fieldset className="grid gap-2">
                <legend className="mb-1 text-sm font-medium">Team(s)</legend>
                {options.teams.length === 0 && (
                  <p className="text-muted-foreground text-sm">This organization has no teams.</p>
                )}
                {options.teams.map((team) => (
                  <div key={team.id} className="flex items-center gap-2">
                    <Checkbox
                      id={`team-${team.id}`}
                      checked={values.teams.includes(team.id)}
                      onCheckedChange={(checked) => toggleTeam(team.id, checked === true)}
                    />
                    <Label htmlFor={`team-${team.id}`} className="font-normal">
                      {team.name}
                    </Label>
                  </div>
                ))}
              </fieldset>
            </PopoverContent>
          </Popover>
        </div>

        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect
            id="audit-action"
            className="w-36"
            value={values.action}
            onChange={(e) => setParam("action", e.target.value)}
          >
            <option value="">All actions</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {auditActionLabels[a]}
              </option>
            ))}
          </NativeSelect>
        </div>

        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <NativeSelect
            id="audit-actor"
            className="w-56"
            value={values.actor}
            onChange={(e) => setParam("actor", e.target.value)}
          >
            <option value="">All actors</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        </div>

        <div className="grid gap-1.5">
          <Label htmlFor="audit-range">Date time range</Label>
          <NativeSelect
            id="audit-range"
            className="w-44"
            value={rangeChoice}
            onChange={(e) => chooseRange(e.target.value)}
          >
            <option value="">Any time</option>
            {Object.entries(rangePresets).map(([key, preset]) => (
              <option key={key} value={key}>
                {preset.label}
              </option>
            ))}
            <option value="custom">Custom range</option>
          </NativeSelect>
        </div>

        {rangeChoice === "custom" && (
          <form className="flex flex-wrap items-end gap-2" onSubmit={applyCustomRange}>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-from">From</Label>
              <Input
                id="audit-from"
                type="datetime-local"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-to">To</Label>
              <Input
                id="audit-to"
                type="datetime-local"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
            <Button type="submit" variant="secondary">
              Apply range
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}

export function ClearFiltersButton() {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <Button variant="outline" onClick={() => router.push(pathname)}>
      <X className="size-4" aria-hidden />
      Clear filters
    </Button>
  );
}

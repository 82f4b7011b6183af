"use client";

import { ChevronDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { FilterOptions } from "./types";
import type { ApplyFilters } from "./use-filter-url";

/** Any number of teams, chosen from checkboxes in a popover; each tick applies at once. */
export function TeamFilter({
  teams,
  selected,
  apply,
}: {
  teams: FilterOptions["teams"];
  selected: string[];
  apply: ApplyFilters;
}) {
  function toggleTeam(id: string, checked: boolean) {
    apply((p) => {
      const chosen = new Set(p.getAll("team"));
      if (checked) chosen.add(id);
      else chosen.delete(id);
      p.delete("team");
      for (const t of chosen) p.append("team", t);
    });
  }

  const selectedTeams = teams.filter((t) => selected.includes(t.id));
  const summary =
    selectedTeams.length === 0
      ? "All teams"
      : selectedTeams.length === 1
        ? selectedTeams[0]!.name
        : `${selectedTeams.length} teams`;

  return (
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
              {summary}
            </span>
            <ChevronDown className="size-4 opacity-60" aria-hidden />
          </Button>
        </PopoverTrigger>
        <PopoverContent className="w-64" align="start">
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Team(s)</legend>
            {teams.length === 0 && (
              <p className="text-muted-foreground text-sm">This organization has no teams.</p>
            )}
            {teams.map((team) => (
              <div key={team.id} className="flex items-center gap-2">
                <Checkbox
                  id={`team-${team.id}`}
                  checked={selected.includes(team.id)}
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
  );
}

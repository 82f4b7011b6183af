"use client";

import { Search } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Free-text search over actor, target and details; applied on submit. */
export function SearchForm({
  initial,
  onSearch,
}: {
  initial: string;
  onSearch: (q: string) => void;
}) {
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(q.trim());
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
  );
}

"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

/** Changes the page's query string; every filter lives there. */
export type ApplyFilters = (change: (params: URLSearchParams) => void) => void;

/** Navigates to the page with its filters changed, starting again from the first page. */
export function useFilterUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const apply: ApplyFilters = (change) => {
    const p = new URLSearchParams(searchParams.toString());
    // Any filter change starts again from the first page.
    p.delete("after");
    p.delete("before");
    change(p);
    const query = p.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname));
  };
  const setParam = (key: string, value: string) =>
    apply((p) => (value ? p.set(key, value) : p.delete(key)));

  return { pending, apply, setParam };
}

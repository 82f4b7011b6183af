"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Runs a server action outside a form, reporting its outcome as a toast. */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  const run = <T>(call: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) =>
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        if (result.message) toast.success(result.message);
        onSuccess?.(result.data);
      } else {
        toast.error(result.message);
      }
    });
  return [pending, run] as const;
}

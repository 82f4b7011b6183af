"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import type { OrgAction } from "@/lib/actions/safe-action";
import { useWithPageOrg } from "./page-org";

/**
 * Runs an organization action outside a form, on behalf of the page's organization, reporting
 * its outcome as a toast.
 */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  const withPageOrg = useWithPageOrg();
  const run = <T>(
    action: OrgAction<T>,
    input: Record<string, unknown>,
    onSuccess?: (data: T) => void,
  ) =>
    startTransition(async () => {
      const result = await action(null, withPageOrg(input));
      if (result.ok) {
        if (result.message) toast.success(result.message);
        onSuccess?.(result.data);
      } else {
        toast.error(result.message);
      }
    });
  return [pending, run] as const;
}

"use client";

import { createContext, useCallback, useContext } from "react";
import { PAGE_ORG_FIELD, type WithPageOrg } from "@/lib/actions/page-org";

const PageOrgContext = createContext<string | null>(null);

/** Provided by the (app) layout: the organization whose data the page shows. */
export function PageOrgProvider({ orgId, children }: { orgId: string; children: React.ReactNode }) {
  return <PageOrgContext value={orgId}>{children}</PageOrgContext>;
}

function usePageOrgId(): string {
  const orgId = useContext(PageOrgContext);
  if (!orgId) throw new Error("Organization actions must be used inside the (app) layout.");
  return orgId;
}

/** For forms submitted as FormData: the page's organization, sent with the other fields. */
export function PageOrgField() {
  return <input type="hidden" name={PAGE_ORG_FIELD} value={usePageOrgId()} readOnly />;
}

/** For actions called with an object: adds the page's organization to the input. */
export function useWithPageOrg() {
  const orgId = usePageOrgId();
  return useCallback(
    <T extends object>(input: T): WithPageOrg<T> => ({ ...input, [PAGE_ORG_FIELD]: orgId }),
    [orgId],
  );
}

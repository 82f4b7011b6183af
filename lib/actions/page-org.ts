/**
 * The form field through which every organization action names the organization of the page it
 * was sent from. The action refuses to run when that is no longer the caller's current
 * organization (switched in another tab), rather than acting on an organization the person
 * cannot see.
 */
export const PAGE_ORG_FIELD = "pageOrgId";

export type WithPageOrg<T> = T & { [PAGE_ORG_FIELD]: string };

/** Where an event's target is managed, for the target types that have a page of their own. */
export function targetHref(type: string, id: string): string | undefined {
  if (type === "api_key") return `/settings/integrations/api-keys/${encodeURIComponent(id)}`;
  if (type === "oauth_client") return `/admin/api-management/${encodeURIComponent(id)}`;
  return undefined;
}

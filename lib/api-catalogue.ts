/** The APIs a key or OAuth client can be granted. Every public endpoint names one of these. */
export const apiCatalogue = [
  { id: "data", label: "Data", description: "Ingest records into your workspace." },
  { id: "segmentation", label: "Segmentation", description: "Create and list audience segments." },
  { id: "push", label: "Push", description: "Queue push messages for delivery." },
  { id: "proposals", label: "Proposals", description: "Create and list proposals." },
  { id: "reports", label: "Reports", description: "Fetch reports over ingested data." },
] as const;

export type ApiId = (typeof apiCatalogue)[number]["id"];

export const apiIds = apiCatalogue.map((a) => a.id) as [ApiId, ...ApiId[]];

export function isApiId(value: string): value is ApiId {
  return (apiIds as string[]).includes(value);
}

export function apiLabel(id: ApiId): string {
  return apiCatalogue.find((a) => a.id === id)?.label ?? id;
}

/** "Full" when every catalogue API is granted, otherwise "Partial". */
export function accessLevel(apis: readonly string[]): "Full" | "Partial" {
  return apiIds.every((id) => apis.includes(id)) ? "Full" : "Partial";
}

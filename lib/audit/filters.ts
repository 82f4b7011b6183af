import { z } from "zod";
import { auditActions } from "./events";
import { rangePresets, type RangePreset } from "./range-presets";
import type { AuditFilters, AuditPageRequest, Cursor } from "@/db/queries/audit-filter";

export { rangePresets, type RangePreset };
export type { AuditFilters, AuditPageRequest, Cursor };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

const cursorSchema = z
  .string()
  .regex(/^\d{1,20}_\d{1,18}$/)
  .transform((s): Cursor => {
    const [us, id] = s.split("_");
    return { us: String(BigInt(us!)), id: Number(id) };
  })
  .refine((c) => Number.isSafeInteger(c.id));

// Each parameter is parsed on its own and falls back to "not set": a hand-edited or stale URL
// shows the unfiltered log instead of an error page.
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const paramsSchema = z.object({
  team: z
    .array(z.string())
    .catch([])
    .transform((ids) =>
      [...new Set(ids.filter((id) => z.uuid().safeParse(id).success))].slice(0, 50),
    ),
  action: lenient(z.enum(auditActions as ["create", "update", "delete"])),
  actor: lenient(z.union([z.literal("system"), z.string().min(1).max(100)])),
  range: lenient(z.enum(Object.keys(rangePresets) as [RangePreset, ...RangePreset[]])),
  from: lenient(z.iso.datetime({ offset: true }).transform((s) => new Date(s))),
  to: lenient(z.iso.datetime({ offset: true }).transform((s) => new Date(s))),
  q: lenient(
    z
      .string()
      .trim()
      .max(200)
      .transform((s) => s || undefined),
  ),
  order: z.enum(["newest", "oldest"]).catch("newest"),
  after: lenient(cursorSchema),
  before: lenient(cursorSchema),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
});

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(params: RawParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((k) => [k, params.getAll(k)] as const)
      : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    out[key] = key === "team" ? values : values[0]!;
  }
  return out;
}

/** URL search params → validated filters; never throws. */
export function parseAuditParams(params: RawParams): AuditPageRequest {
  const parsed = paramsSchema.parse(toRecord(params));
  const { team, after, before, ...rest } = parsed;
  return {
    ...rest,
    teams: team,
    // Only one direction at a time; "after" wins when a URL carries both.
    after,
    before: after ? undefined : before,
  };
}

export const encodeCursor = (c: Cursor) => `${c.us}_${c.id}`;

/** Filters → URL search params (the inverse of parseAuditParams, without paging). */
export function filterParams(f: Partial<AuditPageRequest>): URLSearchParams {
  const p = new URLSearchParams();
  for (const id of f.teams ?? []) p.append("team", id);
  if (f.action) p.set("action", f.action);
  if (f.actor) p.set("actor", f.actor);
  if (f.range) p.set("range", f.range);
  if (f.from) p.set("from", f.from.toISOString());
  if (f.to) p.set("to", f.to.toISOString());
  if (f.q) p.set("q", f.q);
  if (f.order && f.order !== "newest") p.set("order", f.order);
  if (f.pageSize && f.pageSize !== DEFAULT_PAGE_SIZE) p.set("pageSize", String(f.pageSize));
  return p;
}

export function hasActiveFilters(f: AuditFilters): boolean {
  return !!(f.teams.length || f.action || f.actor || f.range || f.from || f.to || f.q);
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const fromTo = (v: unknown): { from: unknown; to: unknown } | null =>
  isObject(v) && "from" in v && "to" in v ? { from: v.from, to: v.to } : null;

function apiDiff(v: unknown): string | null {
  let added: string[] = [];
  let removed: string[] = [];
  const ft = fromTo(v);
  if (ft) {
    const before = strings(ft.from);
    const after = strings(ft.to);
    added = after.filter((a) => !before.includes(a));
    removed = before.filter((b) => !after.includes(b));
  } else if (isObject(v)) {
    added = strings(v.added);
    removed = strings(v.removed);
  } else return null;
  const parts = [...added.map((a) => `+${a}`), ...removed.map((r) => `\u2212${r}`)];
  return parts.length ? `API access: ${parts.join(" ")}` : null;
}

/**
 * Human text for an event's `changes`: "renamed from A to B", "API access: +push −data",
 * "regenerated", … Unknown shapes fall back to the event's own description.
 */
export function describeChanges(event: string, changes: Json, description: string): string {
  const parts: string[] = [];
  const name = fromTo(changes.name);
  if (name) parts.push(`renamed from ${String(name.from)} to ${String(name.to)}`);
  const apis = apiDiff(changes.apis ?? changes.scopes);
  if (apis) parts.push(apis);
  const allowlist = fromTo(changes.ipAllowlist);
  if (allowlist) {
    const list = (v: unknown) => (strings(v).length ? strings(v).join(", ") : "any address");
    parts.push(`IP allowlist changed from ${list(allowlist.from)} to ${list(allowlist.to)}`);
  }
  const limit = fromTo(changes.rateLimitPerMinute);
  if (limit) {
    const perMinute = (v: unknown) => (typeof v === "number" ? `${v}/min` : "no limit");
    parts.push(`rate limit changed from ${perMinute(limit.from)} to ${perMinute(limit.to)}`);
  }
  const expiry = fromTo(changes.expiresAt);
  if (expiry) {
    const at = (v: unknown) => (typeof v === "string" ? v.slice(0, 10) : "never");
    parts.push(`expiry changed from ${at(expiry.from)} to ${at(expiry.to)}`);
  }
  const role = fromTo(changes.role);
  if (role) parts.push(`role changed from ${String(role.from)} to ${String(role.to)}`);
  const team = fromTo(changes.team);
  if (team)
    parts.push(`team changed from ${String(team.from ?? "none")} to ${String(team.to ?? "none")}`);
  if (isObject(changes.member)) {
    if (typeof changes.member.added === "string") parts.push(`added ${changes.member.added}`);
    if (typeof changes.member.removed === "string") parts.push(`removed ${changes.member.removed}`);
  }
  if (isObject(changes.leak)) {
    const { url, source } = changes.leak;
    parts.push(
      `revoked after a leak report: found at ${typeof url === "string" ? url : "an unknown place"}` +
        (typeof source === "string" ? ` (${source})` : ""),
    );
  }
  if (
    event.endsWith(".regenerated") ||
    event.endsWith(".secret_rotated") ||
    changes.regenerated === true
  ) {
    parts.push("regenerated");
  }
  return parts.length ? parts.join("; ") : description;
}

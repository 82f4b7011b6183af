import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isOrgAction } from "@/lib/actions/safe-action";

const root = path.resolve(import.meta.dirname, "../..");

// Actions that act before there is an organization to act on (sign-in, first-run setup) or on
// the choice of organization itself; everything else exported from an actions.ts must be an
// organization action.
const NOT_ORG_ACTIONS: Record<string, string[]> = {
  "app/(app)/actions.ts": ["switchOrganization", "signOutAction"],
  "app/(app)/account/actions.ts": ["changePassword", "signOutEverywhere"],
  "app/(app)/organizations/actions.ts": ["createOrganization"],
};
const PRE_SIGN_IN = "app/(auth)/";

function actionFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionFiles(full);
    return entry.name === "actions.ts" ? [full] : [];
  });
}

export type FoundAction = {
  name: string;
  file: string;
  action: (prev: unknown, input: unknown) => Promise<{ ok: boolean; code?: string }>;
};

/**
 * Every server action of the app, by walking app/** for actions.ts files: the organization
 * actions, the known exceptions (`otherActions`, sign-in and setup included), and the exported
 * functions that are neither (`unwrapped`, which must stay empty).
 */
export async function findActions() {
  const orgActions: FoundAction[] = [];
  const otherActions: FoundAction[] = [];
  const unwrapped: string[] = [];
  for (const full of actionFiles()) {
    const file = path.relative(root, full).split(path.sep).join("/");
    const exports: Record<string, unknown> = await import(full);
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "function") continue;
      const found = { name, file, action: value as FoundAction["action"] };
      if (isOrgAction(value)) orgActions.push(found);
      else if (file.startsWith(PRE_SIGN_IN) || NOT_ORG_ACTIONS[file]?.includes(name)) {
        otherActions.push(found);
      } else unwrapped.push(`${file}: ${name}`);
    }
  }
  return { orgActions, otherActions, unwrapped };
}

/** A fingerprint of every row of every table: equal fingerprints mean nothing changed. */
export async function databaseFingerprint(): Promise<string> {
  const db = getDb();
  const rowsOf = (result: unknown) =>
    ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Record<string, unknown>[];
  const tables = rowsOf(
    await db.execute(sql`select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`),
  ).map((r) => String(r.table_name));
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = rowsOf(
      await db.execute(
        sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
            from ${sql.identifier(table)} t`,
      ),
    );
    parts.push(`${table}:${row?.digest}`);
  }
  return parts.join("\n");
}

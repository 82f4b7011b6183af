// The work every framework server does per request, written once: the key's SHA-256 and the
// same single indexed read that Latchkey's verification makes, through postgres.js.
import { createHash } from "node:crypto";
import postgres from "postgres";

export const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });

export async function lookUp(authorization) {
  const key = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  if (!key) return null;
  const digest = createHash("sha256").update(key, "utf8").digest("hex");
  const [row] = await sql`
    select k.id as key_id, k.name as key_name, k.apis, o.id as org_id, o.name as org_name,
           o.slug as org_slug, o.plan, u.id as user_id, u.email, u.name as user_name, m.role
      from api_key_secrets s
      join api_keys k on k.id = s.key_id
      join organizations o on o.id = k.org_id
      join users u on u.id = k.created_by
      left join memberships m on m.org_id = k.org_id and m.user_id = k.created_by
     where s.digest = ${digest} and s.revoked_at is null
       and (s.expires_at is null or s.expires_at > now()) and k.status = 'active'
     limit 1`;
  if (!row || !row.role || row.plan !== "enterprise") return null;
  return {
    organization: { id: row.org_id, name: row.org_name, slug: row.org_slug },
    credential: { type: "api_key", id: row.key_id, name: row.key_name },
    user: { id: row.user_id, email: row.email, name: row.user_name },
    client: null,
    apis: row.apis,
  };
}

export const port = Number(process.env.PORT);

import { ensureActiveSigningKey, publishedJwks } from "@/lib/oauth/signing-keys";

export const dynamic = "force-dynamic";

export async function GET() {
  await ensureActiveSigningKey();
  return Response.json(await publishedJwks(), {
    // Short: a rotation must reach verifiers well before the old key's tokens expire.
    headers: { "Cache-Control": "public, max-age=300" },
  });
}

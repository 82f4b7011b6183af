import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { pageContext } from "@/lib/auth/page-context";
import { loadUsage } from "@/lib/usage/load";
import { EnterpriseGate } from "../../enterprise-gate";
import { loadKeys, loadTeamOptions } from "../load";
import { KeyDetails } from "./key-details";

export const metadata: Metadata = { title: "API key details" };

export default async function ApiKeyPage({ params }: { params: Promise<{ keyId: string }> }) {
  const { keyId } = await params;
  const ctx = await pageContext();
  if (ctx.org.plan !== "enterprise") return <EnterpriseGate />;
  if (!z.uuid().safeParse(keyId).success) notFound();
  // loadKeys applies the same visibility as the list: a member never sees another's key.
  const [[active], [archived], teams] = await Promise.all([
    loadKeys(ctx, "active", keyId),
    loadKeys(ctx, "archived", keyId),
    loadTeamOptions(ctx.org.id),
  ]);
  const apiKey = active ?? archived;
  if (!apiKey) notFound();
  const usage = await loadUsage(ctx.org.id, apiKey.id);
  return (
    <section aria-labelledby="key-heading" className="space-y-4">
      <Link
        href="/settings/integrations"
        className="text-muted-foreground inline-flex items-center gap-1 text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> Back to API keys
      </Link>
      <KeyDetails apiKey={apiKey} teams={teams} usage={usage} />
    </section>
  );
}

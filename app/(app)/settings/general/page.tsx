import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { pageContext } from "@/lib/auth/page-context";

export const metadata: Metadata = { title: "General" };

const planLabels = { free: "Free", pro: "Pro", enterprise: "Enterprise" } as const;

export default async function GeneralPage() {
  const { org, role } = await pageContext();
  return (
    <section aria-labelledby="general-heading" className="max-w-xl space-y-6">
      <h2 id="general-heading" className="text-lg font-semibold">
        Organization
      </h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-y-3 text-sm">
        <dt className="text-muted-foreground">Name</dt>
        <dd className="font-medium">{org.name}</dd>
        <dt className="text-muted-foreground">Slug</dt>
        <dd className="font-mono">{org.slug}</dd>
        <dt className="text-muted-foreground">Plan</dt>
        <dd>
          <Badge variant={org.plan === "enterprise" ? "default" : "secondary"}>
            {planLabels[org.plan]}
          </Badge>
        </dd>
        <dt className="text-muted-foreground">Your role</dt>
        <dd className="capitalize">{role}</dd>
      </dl>
    </section>
  );
}

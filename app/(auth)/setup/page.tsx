import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { countUsers } from "@/db/queries/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Latchkey" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Set up Latchkey</h1>
      <p className="text-muted-foreground mb-6 text-sm">
        Create your organization and its owner account. You can invite others afterwards.
      </p>
      <SetupForm />
    </>
  );
}

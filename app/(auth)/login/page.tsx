import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { countUsers } from "@/db/queries/users";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if ((await countUsers()) === 0) redirect("/setup");
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="text-muted-foreground mb-6 text-sm">Use your work email and password.</p>
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}

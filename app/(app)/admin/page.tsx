import type { Metadata } from "next";
import { pageContext } from "@/lib/auth/page-context";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await pageContext("admin");
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Admin</h1>
    </div>
  );
}

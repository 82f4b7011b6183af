import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { pageContext } from "@/lib/auth/page-context";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await pageContext("admin");
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <nav aria-label="Admin">
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <li>
            <Link
              href="/admin/api-management"
              className="bg-card hover:bg-accent focus-visible:ring-ring/50 flex gap-3 rounded-lg border p-4 outline-hidden focus-visible:ring-3"
            >
              <KeyRound className="mt-0.5 size-5 shrink-0" aria-hidden />
              <span>
                <span className="block font-medium">API Management</span>
                <span className="text-muted-foreground block text-sm">
                  OAuth clients that call the API with a client ID and secret.
                </span>
              </span>
            </Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}

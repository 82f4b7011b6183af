import { pageContext } from "@/lib/auth/page-context";

// The role check sits in the layout, outside loading.tsx's Suspense boundary: a member gets a real
// 404 status instead of a streamed 200 whose body later turns into "not found".
export default async function AuditLogsLayout({ children }: { children: React.ReactNode }) {
  await pageContext("admin");
  return children;
}

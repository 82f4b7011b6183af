import { KeyRound } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="bg-muted/40 flex min-h-screen flex-col items-center justify-center gap-6 p-6">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <KeyRound className="size-5" aria-hidden />
        Latchkey
      </div>
      <div className="bg-card w-full max-w-sm rounded-xl border p-6 shadow-xs">{children}</div>
    </main>
  );
}

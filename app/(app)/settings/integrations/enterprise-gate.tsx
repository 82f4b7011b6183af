import { Info } from "lucide-react";
import { enterpriseGateMessage } from "@/lib/keys/access";

export function EnterpriseGate() {
  return (
    <p className="bg-muted flex gap-2 rounded-md p-3 text-sm" role="note">
      <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
      {enterpriseGateMessage()}
    </p>
  );
}

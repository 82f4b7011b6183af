import { methodNotAllowed } from "@/lib/oauth/http";
import { revocationEndpoint } from "@/lib/oauth/revocation";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => revocationEndpoint(request);
export const GET = () => methodNotAllowed();

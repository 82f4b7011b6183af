import { methodNotAllowed } from "@/lib/oauth/http";
import { introspectionEndpoint } from "@/lib/oauth/revocation";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => introspectionEndpoint(request);
export const GET = () => methodNotAllowed();

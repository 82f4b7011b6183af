import { methodNotAllowed, tokenEndpoint } from "@/lib/oauth/token-endpoint";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => tokenEndpoint(request);
export const GET = () => methodNotAllowed();
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;

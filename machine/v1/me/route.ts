import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { whoami } from "@/lib/api/whoami";

export const GET = apiRoute({ api: null }, async ({ principal }) => json(whoami(principal)));

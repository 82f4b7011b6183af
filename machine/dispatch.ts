import type { RequestListener } from "node:http";
import { stampClientIp, type Trust } from "@/lib/http/forwarded";
import { machineListener } from "./listener";
import { isMachinePath } from "./paths";

/**
 * The server's one request listener: stamps the client's address (for both doors), then hands
 * machine paths to the machine door and everything else to `toNext`.
 */
export function dispatcher(trust: Trust, toNext: RequestListener): RequestListener {
  const machine = machineListener(trust);
  return (req, res) => {
    stampClientIp(req, trust);
    if (isMachinePath(req.url)) void machine(req, res);
    else toNext(req, res);
  };
}

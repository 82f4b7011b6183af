import { machineApp } from "@/machine/app";

/** The machine door (public API, OAuth, MCP), reached in-process: what server.ts hands it. */
export async function machine(request: Request): Promise<Response> {
  return machineApp.fetch(request);
}

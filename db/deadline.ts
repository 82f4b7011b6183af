import { getHandle } from "./client";
import { withDatabaseDeadline } from "./unavailable";

/**
 * Runs `work` within DATABASE_TIMEOUT_MS when the app's database is a PostgreSQL server, which a
 * network can leave silent; the embedded database answers or fails in this process, so its work
 * (however slow a loaded machine makes it) is not cut short.
 */
export function withinDatabaseDeadline<T>(work: () => Promise<T>): Promise<T> {
  return getHandle().kind === "postgres" ? withDatabaseDeadline(work) : work();
}

import { createDb } from "@/db/client";

const handle = createDb();
const started = Date.now();
await handle.migrate();
console.log(`${handle.kind} database migrated in ${Date.now() - started} ms`);
await handle.close();

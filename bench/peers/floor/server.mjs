// The floor: the least a request that touches the database can cost on this machine, as a plain
// server would do it: one `select 1` through postgres.js with its default pool of 10, then a small
// JSON answer. PORT and DATABASE_URL come from the benchmark. bench:verify also runs it a second
// time tuned as Latchkey's verification path is (POOL_SIZE: its pool size; POSTGRES_MODULE: the
// app's own, patched copy of the driver), for comparison.
import { createServer } from "node:http";

const { default: postgres } = await import(process.env.POSTGRES_MODULE || "postgres");
const sql = postgres(process.env.DATABASE_URL, {
  max: Number(process.env.POOL_SIZE ?? 10),
  onnotice: () => {},
});

const server = createServer(async (req, res) => {
  try {
    await sql`select 1`;
    const body = JSON.stringify({ ok: true });
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  } catch {
    res.writeHead(500).end();
  }
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  console.log(`floor listening on ${process.env.PORT}`);
});

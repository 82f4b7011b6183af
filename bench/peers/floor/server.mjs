// The floor: the least a request that touches the database can cost on this machine. One
// `select 1` through postgres.js, with the pool size of the app's verification path, then a small JSON answer.
// PORT and DATABASE_URL come from the benchmark; POOL_SIZE is the app's verification pool size.
import { createServer } from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL, {
  max: Number(process.env.POOL_SIZE ?? 2),
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

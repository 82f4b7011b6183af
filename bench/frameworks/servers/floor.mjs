// The floor: plain node:http answering after one `select 1` through postgres.js.
import { createServer } from "node:http";
import { port, sql } from "./lookup.mjs";

createServer(async (req, res) => {
  await sql`select 1`;
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
}).listen(port, "127.0.0.1");

// A flood of wrong credentials in a process of its own, so that generating it never delays the
// event loop that times the legitimate client. Sends one request per line of GUESSES (an API key
// for /api/v1/me, or a Basic credential for the token endpoint) from LOCAL_ADDRESS, paced at RATE
// per second with at most WORKERS in flight, during each window of SCHEDULE (a JSON array of
// [start, end] in epoch milliseconds) and nothing in between. Prints one JSON line: per window,
// the requests sent, their statuses, how many refusals lacked Retry-After, and the time it took.
//   node flood.mjs <origin> <me|token> <rate> <workers> <localAddress> <guesses> <schedule>
import { readFileSync } from "node:fs";
import http from "node:http";

const [origin, kind, rate, workers, localAddress, file, schedule] = process.argv.slice(2);
const guesses = readFileSync(file, "utf8").split("\n").filter(Boolean);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(workers) });
const target = new URL(origin);
const interval = 1000 / Number(rate);

function send(guess) {
  const options =
    kind === "me"
      ? { path: "/api/v1/me", method: "GET", headers: { authorization: `Bearer ${guess}` } }
      : {
          path: "/api/oauth/token",
          method: "POST",
          headers: {
            authorization: `Basic ${guess}`,
            "content-type": "application/x-www-form-urlencoded",
          },
        };
  return new Promise((resolve) => {
    const req = http.request(
      { host: target.hostname, port: target.port, agent, localAddress, ...options },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode, retryAfter: res.headers["retry-after"] }),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on("error", () => resolve({ status: 0 }));
    req.end(kind === "me" ? undefined : "grant_type=client_credentials");
  });
}

let used = 0;

/** Floods from `start` to `end` (epoch ms): request i is due at start + i × interval. */
async function window(start, end) {
  const wait = start - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const statuses = {};
  let missingRetryAfter = 0;
  let sent = 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const due = start + next * interval;
      if (due >= end || Date.now() >= end || used >= guesses.length) return;
      next += 1;
      const ahead = due - Date.now();
      if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
      sent += 1;
      const { status, retryAfter } = await send(guesses[used++]);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if ((status === 429 || status === 503) && !(Number(retryAfter) > 0)) missingRetryAfter += 1;
    }
  };
  await Promise.all(Array.from({ length: Number(workers) }, worker));
  return { sent, statuses, missingRetryAfter, ms: Date.now() - start };
}

const windows = [];
for (const [start, end] of JSON.parse(schedule)) windows.push(await window(start, end));
agent.destroy();
console.log(JSON.stringify({ windows }));

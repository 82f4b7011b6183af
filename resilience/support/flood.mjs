// A flood of wrong credentials in a process of its own, so that generating it never delays the
// event loop that times the legitimate client, written straight to TCP sockets so that it costs
// the machine little besides what the server spends on it. Sends one request per line of GUESSES
// (an API key for /api/v1/me, or a Basic credential for the token endpoint) from LOCAL_ADDRESS,
// paced at RATE per second (sent in 10 ms ticks) over CONNECTIONS keep-alive connections, one
// request unanswered on each at most, during each window of SCHEDULE (a JSON
// array of [start, end, origin]: epoch milliseconds, and the server that window floods) and nothing
// in between, on connections of that window's own.
// Prints one JSON line: per window, the requests sent, their statuses, how many refusals lacked
// Retry-After, errors, the time it took and this process's CPU time.
//   node flood.mjs <me|token> <rate> <connections> <localAddress> <guesses> <schedule>
import { readFileSync } from "node:fs";
import net from "node:net";

const [kind, rate, connections, localAddress, file, schedule] = process.argv.slice(2);
const guesses = readFileSync(file, "utf8").split("\n").filter(Boolean);
const TICK_MS = 10;
const MAX_UNANSWERED = 1;

function request(target, guess) {
  const host = `Host: ${target.host}\r\n`;
  if (kind === "me") {
    return `GET /api/v1/me HTTP/1.1\r\n${host}Authorization: Bearer ${guess}\r\n\r\n`;
  }
  const body = "grant_type=client_credentials";
  return (
    `POST /api/oauth/token HTTP/1.1\r\n${host}Authorization: Basic ${guess}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`
  );
}

/** A keep-alive connection that reads back answers in order: status, Retry-After, body length. */
function connection(target, onAnswer, onError) {
  const socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress });
  socket.setNoDelay(true);
  const state = { socket, waiting: 0, ready: false, dead: false };
  let buffer = Buffer.alloc(0);
  socket.on("connect", () => (state.ready = true));
  socket.on("data", (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      const head = buffer.indexOf("\r\n\r\n");
      if (head < 0) return;
      const text = buffer.subarray(0, head).toString("latin1");
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text)?.[1] ?? 0);
      if (buffer.length < head + 4 + length) return;
      buffer = buffer.subarray(head + 4 + length);
      state.waiting -= 1;
      onAnswer(Number(text.slice(9, 12)), /\r\nretry-after: *[1-9]/i.test(text));
    }
  });
  socket.on("error", (error) => onError(error.code ?? error.message));
  socket.on("close", () => {
    state.dead = true;
    // requests that were waiting on a connection that closed never got an answer
    for (; state.waiting > 0; state.waiting--) onError("closed");
  });
  return state;
}

let used = 0;

/** Floods from `start` to `end` (epoch ms): by each tick, rate × elapsed requests are sent. */
async function window(start, end, origin) {
  const target = new URL(origin);
  const statuses = {};
  const errors = {};
  let missingRetryAfter = 0;
  let sent = 0;
  let answered = 0;
  const onAnswer = (status, retryAfter) => {
    answered += 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if ((status === 429 || status === 503) && !retryAfter) missingRetryAfter += 1;
  };
  const onError = (code) => {
    answered += 1;
    statuses[0] = (statuses[0] ?? 0) + 1;
    errors[code] = (errors[code] ?? 0) + 1;
  };
  const wait = start - 200 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  // connected just before the window opens
  const pool = Array.from({ length: Number(connections) }, () =>
    connection(target, onAnswer, onError),
  );
  await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now())));
  const cpu = process.cpuUsage();
  let turn = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = Math.min(Date.now(), end);
      const due = Math.floor(((now - start) * Number(rate)) / 1000);
      // this tick's requests, spread over the connections; a server that falls behind gets
      // fewer, not an ever longer queue
      const batches = new Map();
      for (let tries = 0; sent < due && used < guesses.length && tries < pool.length;) {
        const c = pool[turn++ % pool.length];
        if (c.dead || !c.ready || c.waiting >= MAX_UNANSWERED) {
          tries += 1;
          continue;
        }
        tries = 0;
        c.waiting += 1;
        sent += 1;
        batches.set(c, (batches.get(c) ?? "") + request(target, guesses[used++]));
      }
      for (const [c, text] of batches) c.socket.write(text);
      if (Date.now() < end && used < guesses.length) setTimeout(tick, TICK_MS);
      else resolve();
    };
    tick();
  });
  // the answers still on their way
  for (let i = 0; i < 500 && answered < sent; i++) await new Promise((r) => setTimeout(r, 10));
  if (answered < sent) {
    statuses[0] = (statuses[0] ?? 0) + sent - answered;
    errors["no answer in 5 s"] = sent - answered;
  }
  const spent = process.cpuUsage(cpu);
  for (const c of pool) c.socket.destroy();
  return {
    sent,
    statuses,
    errors,
    missingRetryAfter,
    ms: end - start,
    cpuMs: Math.round((spent.user + spent.system) / 1000),
  };
}

const windows = [];
for (const [start, end, origin] of JSON.parse(schedule)) {
  windows.push(await window(start, end, origin));
}
console.log(JSON.stringify({ windows }));

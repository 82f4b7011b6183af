// A stand-in for the server under test in the brute-force scenario's quiet windows: plain node:http
// answering every request as Latchkey answers a spent budget (429, a short JSON body, Retry-After,
// the same number of headers), so the flood's traffic and its generators load the machine in
// quiet windows as in flooded ones, and only who refuses it differs.
//   node sham.mjs <port>
import http from "node:http";

const port = Number(process.argv[2]);
const body = JSON.stringify({
  error: "rate_limited",
  error_description: "Too many failed attempts from this address. Try again in 42 seconds.",
});
const headers = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
  "Retry-After": "42",
  "RateLimit-Limit": "100",
  "RateLimit-Remaining": "0",
  "RateLimit-Reset": "42",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

http
  .createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(429, headers);
      res.end(body);
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));

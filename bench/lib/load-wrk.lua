-- wrk's side of bench/lib/load.mjs: the request comes from LOAD_REQUEST (JSON, decoded by
-- load.mjs into the three variables below); with LOAD_COUNT_STATUS=1 every status is counted
-- (a Lua callback per response), otherwise wrk's own count of non-2xx/3xx answers is used.
wrk.method = os.getenv("LOAD_METHOD")
local body = os.getenv("LOAD_BODY")
if body ~= "" then wrk.body = body end
for line in string.gmatch(os.getenv("LOAD_HEADERS"), "[^\n]+") do
  local name, value = string.match(line, "^([^:]+): (.*)$")
  wrk.headers[name] = value
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("LOAD_COUNT_STATUS") == "1" then
  statuses = {}
  function response(status)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    if s then
      for status, n in pairs(s) do counts[status] = (counts[status] or 0) + n end
    end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'WRK {"total":%d,"micros":%d,"p50":%.3f,"p99":%.3f,"non2xx":%d,"errors":%d,"timeouts":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write, e.timeout, table.concat(parts, ",")))
end

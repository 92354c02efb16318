-- wrk script: cycles through the request paths listed in the file named by the
-- PATHS environment variable (one a line), counts answers by status class across
-- threads, and prints one machine-readable line for the bench scripts:
--   result requests_per_s=… p50_ms=… p90_ms=… p99_ms=… max_ms=… ok=… 4xx=… 5xx=… errors=…
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then table.insert(paths, line) end
end
local accept = os.getenv("ACCEPT") or "application/json, application/sparql-results+json"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local counter = 0
-- Globals, not locals: done() reads them from each thread with thread:get().
s2, s4, s5 = 0, 0, 0
function init(args)
  -- Threads start at different places in the list, so they do not ask in lockstep.
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["Accept"] = accept })
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1 else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local ok, client_errors, server_errors = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("s2")
    client_errors = client_errors + thread:get("s4")
    server_errors = server_errors + thread:get("s5")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "result requests_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d 4xx=%d 5xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    ok, client_errors, server_errors, errors))
end

-- wrk script: cycles through a list of GET requests (REST or SPARQL, chosen by
-- the MIX environment variable) and counts answers by status class across threads.
local rest = {
  "/api/actors?q=jnim",
  "/api/actors?q=armee+malienne",
  "/api/actors/fama",
  "/api/actors/wagner/relations",
  "/api/actors/jnim/events?limit=20",
  "/api/events?limit=20",
  "/api/events?place=gao&limit=20",
  "/api/places?q=kidal",
  "/api/articles?limit=10",
  "/api/graph?actor=fama&depth=1",
  "/health",
}
local function q(text)
  return "/sparql?query=" .. text:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end)
end
local ag = "PREFIX ag: <https://w3id.org/actorgraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
local sparql = {
  q(ag .. "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ag:Article }"),
  q(ag .. "SELECT DISTINCT ?a ?b WHERE { ?x ag:opposes ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } LIMIT 50"),
  q(ag .. "SELECT ?e ?date WHERE { ?e a ?kind ; ag:date ?date } ORDER BY DESC(?date) LIMIT 20"),
  q(ag .. "ASK { ?x ag:allyOf ?y }"),
  q(ag .. "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10"),
}
local paths = os.getenv("MIX") == "sparql" and sparql or rest

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local counter = 0
-- Globals, not locals: done() reads them from each thread with thread:get().
s2, s4, s5 = 0, 0, 0
function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Accept"] = "application/json, application/sparql-results+json" })
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
  io.write(string.format("statuses: 2xx/3xx %d, 4xx %d, 5xx %d\n", ok, client_errors, server_errors))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end

-- wrk script: each connection's requests alternate between creating a generic-secret credential
-- (a unique name per request; BENCH_TOKEN's caller, in the scope of BENCH_SCOPE_JSON) and listing
-- BENCH_LIST_PATH as BENCH_LIST_TOKEN's caller. Prints creates/s, lists/s, failed requests and the
-- p99 latency of all requests as "mixed: <creates/s> <lists/s> <failed> <p99 ms>".
local threads = {}
local counter = 0
local token = os.getenv("BENCH_TOKEN")
local list_token = os.getenv("BENCH_LIST_TOKEN") or token
local list_path = os.getenv("BENCH_LIST_PATH")
local scope = os.getenv("BENCH_SCOPE_JSON") or '"scope":"project","projectId":1'
creates, lists, errors = 0, 0, 0  -- globals: done() reads them per thread

function setup(thread)
  thread:set("prefix", "w" .. #threads .. "-" .. tostring(os.time()))
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  if counter % 2 == 1 then
    local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    local body = '{"meta":{"name":"bench-' .. prefix .. '-' .. counter .. '",' .. scope ..
      '},"spec":{"keyValuePairs":[{"key":"API_KEY","value":"v' .. counter .. '"}]}}'
    return wrk.format("POST", "/api/v1/asset/credentials/generic-secret", headers, body)
  end
  return wrk.format("GET", list_path, { ["Authorization"] = "Bearer " .. list_token })
end

function response(status, headers, body)
  if status == 202 then creates = creates + 1
  elseif status == 200 then lists = lists + 1
  else errors = errors + 1 end
end

function done(summary, latency, requests)
  local c, l, e = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("creates"); l = l + t:get("lists"); e = e + t:get("errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("mixed: %.1f %.1f %d %.1f\n", c / seconds, l / seconds, e + summary.errors.status,
    latency:percentile(99) / 1000))
end

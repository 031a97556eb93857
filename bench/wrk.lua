-- wrk script: optional method, body and headers from the environment; prints one JSON line when done.
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local etag = os.getenv("WRK_IF_NONE_MATCH")

wrk.method = method
if body then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if etag then
  wrk.headers["If-None-Match"] = etag
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "socket_errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors, summary.errors.status))
end

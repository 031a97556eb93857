-- wrk script: POST an endorsement with a new reader key on every request, over the seeded comments (ids 1 to
-- ENDORSE_IDS); prints one JSON line when done, with wrk.lua's done().
local ids = tonumber(os.getenv("ENDORSE_IDS") or "200")
local counter = 0
local thread_tag = ""
local threads_made = 0

-- Every thread of every run its own tag (the time and its number), so each request is a new reader.
function setup(thread)
  threads_made = threads_made + 1
  thread:set("tag", string.format("%d%d", os.time(), threads_made))
end

function init(args)
  thread_tag = tag
end

function request()
  counter = counter + 1
  local key = string.format("bench%s%020d", thread_tag, counter)
  local path = string.format("/api/comments/%d/endorsements", counter % ids + 1)
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, '{"reader": "' .. key .. '"}')
end

-- done() as every run prints it (wrk.lua's; its method, body and headers are not used: request() builds each)
dofile(os.getenv("WRK_LUA"))

-- wrk 4 script for the intake benchmark.
--
-- Every request is a POST of one complaint from complaints.lua, cycled per
-- thread. The email is either new (unique per run/thread/request) or one of a
-- pool of 40 repeat customers, so the server sees new and returning customers.
--
-- Environment (all optional unless stated):
--   INTAKE_DIR        directory holding complaints.lua (default: this script's dir)
--   INTAKE_TARGET     "defuse" (default) or "helpdesk"
--   INTAKE_RUN        tag mixed into the new-customer emails (default "run")
--   INTAKE_RATE       total requests/s to pace at; 0 or unset = as fast as possible
--   INTAKE_THREADS    wrk -t value (needed to split INTAKE_RATE; default 2)
--   HELPDESK_QUEUE    queue id          (helpdesk target)
--   HELPDESK_SESSION  sessionid cookie  (helpdesk target, required)
--   HELPDESK_CSRF     csrftoken cookie  (helpdesk target, required)
--
-- done() prints one machine-readable line starting with "INTAKE_RESULT".

local function script_dir()
  local src = debug.getinfo(1, "S").source
  if src:sub(1, 1) == "@" then
    return src:sub(2):match("(.*/)") or "./"
  end
  return "./"
end

local dir = os.getenv("INTAKE_DIR")
if dir == nil or dir == "" then dir = script_dir() end
if dir:sub(-1) ~= "/" then dir = dir .. "/" end
local complaints = dofile(dir .. "complaints.lua")

local target = os.getenv("INTAKE_TARGET") or "defuse"
local run_tag = os.getenv("INTAKE_RUN") or "run"
local rate = tonumber(os.getenv("INTAKE_RATE") or "0") or 0
local nthreads = tonumber(os.getenv("INTAKE_THREADS") or "2") or 2

-- JSON string literal (UTF-8 passes through unchanged).
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function jstr(s)
  local out = s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end)
  return '"' .. out .. '"'
end

-- Monotonic clock in microseconds via LuaJIT's FFI (wrk links LuaJIT).
local now_us
do
  local ok, ffi = pcall(require, "ffi")
  if ok then
    pcall(ffi.cdef, [[
      typedef struct { long tv_sec; long tv_nsec; } intake_timespec;
      int clock_gettime(int clk_id, intake_timespec *tp);
    ]])
    local ts = ffi.new("intake_timespec")
    now_us = function()
      ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
      return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
    end
  end
end

---------------------------------------------------------------------------
-- main state: remember threads so done() can sum their counters
---------------------------------------------------------------------------
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

---------------------------------------------------------------------------
-- thread state
---------------------------------------------------------------------------
counter = 0
ok201 = 0
other = 0
codes = ""          -- first few unexpected status codes, for diagnosis
local next_slot = nil
local period_us = nil

function init(args)
  tid = tid or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  if target == "helpdesk" then
    local sid = os.getenv("HELPDESK_SESSION") or ""
    local csrf = os.getenv("HELPDESK_CSRF") or ""
    wrk.headers["Cookie"] = "sessionid=" .. sid .. "; csrftoken=" .. csrf
    wrk.headers["X-CSRFToken"] = csrf
  end
  if rate > 0 then
    period_us = 1000000 * nthreads / rate
  end
end

local queue = tonumber(os.getenv("HELPDESK_QUEUE") or "1") or 1
local POOL = 40

function request()
  counter = counter + 1
  local c = complaints[((counter + tid * 7) % #complaints) + 1]
  local email, name
  if counter % 3 == 0 then
    -- a brand-new customer
    email = string.format("new-%s-t%d-%d@example.com", run_tag, tid, counter)
    name = c.name
  else
    -- a returning customer from a fixed pool
    local k = (counter * 7 + tid) % POOL
    local pc = complaints[(k % #complaints) + 1]
    email = string.format("customer%02d@example.com", k)
    name = pc.name
  end
  local body
  if target == "helpdesk" then
    body = string.format(
      '{"queue":%d,"title":%s,"description":%s,"submitter_email":%s,"priority":3}',
      queue, jstr(c.subject), jstr(c.text), jstr(email))
  else
    body = string.format(
      '{"customer":{"name":%s,"email":%s},"channel":"web","subject":%s,"text":%s}',
      jstr(name), jstr(email), jstr(c.subject), jstr(c.text))
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 201 then
    ok201 = ok201 + 1
  else
    other = other + 1
    if #codes < 60 then
      codes = codes .. tostring(status) .. ","
    end
  end
end

-- Fixed-rate pacing: each thread owns an absolute schedule of send slots
-- (rate / threads per second). A connection that becomes free claims the
-- next slot and waits for it, so the offered load stays at INTAKE_RATE as
-- long as enough connections are idle.
if rate > 0 then
  function delay()
    if now_us == nil then
      -- no FFI clock: fall back to a fixed per-connection gap
      return math.floor(period_us / 1000)
    end
    local now = now_us()
    if next_slot == nil then
      next_slot = now + (tid * period_us / nthreads)
    end
    local slot = next_slot
    next_slot = next_slot + period_us
    local wait_ms = (slot - now) / 1000
    if wait_ms < 0 then return 0 end
    return math.floor(wait_ms + 0.5)
  end
end

---------------------------------------------------------------------------
-- main state again: summary
---------------------------------------------------------------------------
function done(summary, latency, requests)
  local n201, nother, codes_all = 0, 0, ""
  for _, t in ipairs(threads) do
    n201 = n201 + (t:get("ok201") or 0)
    nother = nother + (t:get("other") or 0)
    codes_all = codes_all .. (t:get("codes") or "")
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  -- wrk's "timeout" counter is the responses slower than --timeout: they are
  -- left out of the latency histogram but still counted (and may be 201s),
  -- so they are reported on their own rather than as errors.
  local sockerr = e.connect + e.read + e.write
  io.write(string.format(
    "INTAKE_RESULT requests=%d duration_s=%.2f req_per_s=%.1f ok201=%d ok201_per_s=%.1f non201=%d status_errors=%d socket_errors=%d timeouts=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f codes=%s\n",
    summary.requests, secs, summary.requests / secs, n201, n201 / secs,
    nother, e.status, sockerr, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    (codes_all == "" and "-" or codes_all)))
end

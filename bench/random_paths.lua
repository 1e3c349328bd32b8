-- wrk script: each request asks for a random one of the paths listed, one a line, in the
-- file named by the PATHS environment variable (bench/search_bench.py's long-tail
-- scenarios, bench/load_bench.py's mix). Each of wrk's threads draws its own sequence,
-- from the SEED environment variable: give each run its own, or a run repeats the
-- addresses of the one before it (its warm-up), which the caches then answer.
-- At the end a RESULT line gives the figures as JSON, for load_bench.py.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(id * 7919 + tonumber(os.getenv("SEED") or "0"))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.status, e.connect,
    e.read, e.write, e.timeout))
end

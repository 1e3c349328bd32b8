-- wrk script: each request asks for a random one of the paths listed, one a line, in the
-- file named by the PATHS environment variable (the long-tail scenarios of
-- bench/search_bench.py). Each of wrk's threads draws its own sequence.
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
  math.randomseed(id * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

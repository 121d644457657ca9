-- Takes or renews a lease: the node holding it (or anyone, once it expired) holds it for
-- another period. KEYS[1] the lease; ARGV[1] the node, ARGV[2] the period in milliseconds.
-- Returns 1 when the caller holds the lease, 0 when another node does.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0

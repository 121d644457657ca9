-- Claims the alerts whose next deadline is due: each claimed id's score moves on by a lease, so
-- no other node takes it meanwhile; the claimer's save then sets the alert's real next deadline.
-- If the claimer dies first, the lease runs out and another node claims it.
-- KEYS[1] deadlines (zset); ARGV[1] now (ms), ARGV[2] lease (ms), ARGV[3] the most to claim
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, id in ipairs(due) do
  redis.call('ZADD', KEYS[1], until_ms, id)
end
return due

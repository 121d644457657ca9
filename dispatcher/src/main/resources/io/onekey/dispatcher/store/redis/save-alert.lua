-- Saves the next version of an alert with its indexes, atomically, and tells the other nodes.
-- KEYS: 1 the alert's hash, 2 open (zset), 3 closed (zset), 4 received (zset), 5 deadlines (zset),
--       6 offer -> alert (hash), 7 "subject|kind" -> open alert (hash), 8.. dedup keys the change claims
-- ARGV: 1 version, 2 the alert as JSON, 3 id, 4 "1" if open, 5 received (ms), 6 closed (ms),
--       7 next deadline (ms, "" for none), 8 "subject|kind", 9 dedup key lifetime (s),
--       10 n offers, 11..10+n offer ids, 11+n channel, 12+n message head
-- Returns {"OK"}, {"STALE", stored version}, {"OPEN", the other open alert}, or {"DUPLICATE", key}.
local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local version = tonumber(ARGV[1])
if current ~= version - 1 then
  return {'STALE', tostring(current)}
end
local id = ARGV[3]
if current == 0 and ARGV[4] == '1' then
  local other = redis.call('HGET', KEYS[7], ARGV[8])
  if other and other ~= id then
    return {'OPEN', other}
  end
end
for i = 8, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return {'DUPLICATE', KEYS[i]}
  end
end
for i = 8, #KEYS do
  redis.call('SET', KEYS[i], id, 'EX', ARGV[9])
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'json', ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[5], id)
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[5], id)
  redis.call('HSET', KEYS[7], ARGV[8], id)
else
  redis.call('ZREM', KEYS[2], id)
  if redis.call('HGET', KEYS[7], ARGV[8]) == id then
    redis.call('HDEL', KEYS[7], ARGV[8])
  end
  redis.call('ZADD', KEYS[3], ARGV[6], id)
end
if ARGV[7] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[7], id)
else
  redis.call('ZREM', KEYS[5], id)
end
local n = tonumber(ARGV[10])
for i = 1, n do
  redis.call('HSET', KEYS[6], ARGV[10 + i], id)
end
redis.call('PUBLISH', ARGV[11 + n], ARGV[12 + n] .. ARGV[2])
return {'OK'}

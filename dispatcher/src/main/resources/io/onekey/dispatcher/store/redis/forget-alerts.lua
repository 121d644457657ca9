-- Forgets alerts closed before a cutoff: the alert, its offers and its index entries.
-- KEYS: 1 closed (zset), 2 received (zset), 3 deadlines (zset), 4 offers (hash);
-- ARGV: 1 cutoff (ms), 2 the most to forget, 3 the alert key prefix. Returns the ids forgotten.
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do
  local key = ARGV[3] .. id
  local json = redis.call('HGET', key, 'json')
  if json then
    local alert = cjson.decode(json)
    if alert.offers then
      for _, offer in ipairs(alert.offers) do
        redis.call('HDEL', KEYS[4], offer.id)
      end
    end
  end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end
return old

-- Writes one directory entry (a removal is kept as an entry without a body, so that the
-- directory file does not bring it back) under a new version, moves a provider's position in
-- the position set of each service type, and tells the other nodes, in one step.
-- KEYS[1] the hash of the entry's kind, KEYS[2] the version counter, KEYS[3..] the position
-- set of each service type (providers only).
-- ARGV[1] the field, ARGV[2] the JSON ('' for a removal), ARGV[3] '1' to write only if no
-- entry is present, ARGV[4] the change channel, ARGV[5] the message prefix, ARGV[6] and
-- ARGV[7] the provider's longitude and latitude, ARGV[8..] '1' where the provider belongs in
-- KEYS[3..], '0' where it does not.
-- Returns {version, 1 if written, body}: with nothing written, the entry found and its version.
if ARGV[3] == '1' then
  local held = redis.call('HGET', KEYS[1], ARGV[1])
  if held then
    local bar = string.find(held, '|', 1, true)
    if bar < #held then
      return {tonumber(string.sub(held, 1, bar - 1)), 0, string.sub(held, bar + 1)}
    end
  end
end
local version = redis.call('INCR', KEYS[2])
local value = version .. '|' .. ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], value)
for i = 3, #KEYS do
  if ARGV[i + 5] == '1' then
    redis.call('GEOADD', KEYS[i], ARGV[6], ARGV[7], ARGV[1])
  else
    redis.call('ZREM', KEYS[i], ARGV[1])
  end
end
redis.call('PUBLISH', ARGV[4], ARGV[5] .. value)
return {version, 1, ARGV[2]}

-- Replaces a care document only if it is still the one the caller read: two nodes moving one
-- service request at once cannot both win; the loser reads again.
-- KEYS[1] the shelf's hash; ARGV[1] the id, ARGV[2] the JSON read ('' when there was none),
-- ARGV[3] the new JSON. Returns 1 when written, 0 when the document had changed.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (current == false and ARGV[2] ~= '') or (current ~= false and current ~= ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1

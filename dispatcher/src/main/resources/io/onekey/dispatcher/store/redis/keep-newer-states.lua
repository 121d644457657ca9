-- Writes a batch of device states, each only over an older one (two nodes may process
-- events of one device), and tells the other nodes in one message.
-- KEYS[1] the device-state hash; ARGV[1] the change channel, ARGV[2] the message prefix,
-- then pairs of field ("PROTOCOL:id") and value ("<lastSeen ms>|<JSON>").
-- Returns how many states were written.
local written = {}
for i = 3, #ARGV, 2 do
  local field, value = ARGV[i], ARGV[i + 1]
  local held = redis.call('HGET', KEYS[1], field)
  if not held or tonumber(string.match(held, '^%d+')) <= tonumber(string.match(value, '^%d+')) then
    redis.call('HSET', KEYS[1], field, value)
    written[#written + 1] = field .. '\t' .. value
  end
end
if #written > 0 then
  redis.call('PUBLISH', ARGV[1], ARGV[2] .. table.concat(written, '\n'))
end
return #written

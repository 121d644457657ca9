-- Appends a batch of device events to one lane's stream, all or none.
-- KEYS[1] the lane's stream; ARGV[1] the most entries the stream may hold (0: no limit);
-- ARGV[2..] the encoded events, in order. Returns the ids, or the error "FULL".
local cap = tonumber(ARGV[1])
if cap > 0 and redis.call('XLEN', KEYS[1]) + #ARGV - 1 > cap then
  return redis.error_reply('FULL event log at capacity')
end
local ids = {}
for i = 2, #ARGV do
  ids[#ids + 1] = redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
end
return ids

-- Appends a batch of device events to one lane's stream, all or none.
-- KEYS[1] the lane's stream; KEYS[2..] the "appended" markers of the alarms among the events.
-- ARGV[1] the most entries the stream may hold (0: no limit); ARGV[2] a marker's lifetime (s);
-- then for each event, in order: the index of its marker in KEYS (0: none), the encoded event.
-- An alarm whose marker is already set is in the stream from an earlier append (a terminal
-- sending it again because its answer was late or lost): it is not appended twice, and the
-- gateway answers it like the first. Returns the ids appended, or the error "FULL".
local cap = tonumber(ARGV[1])
local lifetime = tonumber(ARGV[2])
local count = (#ARGV - 2) / 2
if cap > 0 and redis.call('XLEN', KEYS[1]) + count > cap then
  return redis.error_reply('FULL event log at capacity')
end
local ids = {}
for i = 3, #ARGV, 2 do
  local marker = tonumber(ARGV[i])
  if marker == 0 or redis.call('SET', KEYS[marker], '1', 'NX', 'EX', lifetime) then
    ids[#ids + 1] = redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
  end
end
return ids

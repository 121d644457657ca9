-- Marks events processed: acknowledges them to the consumer group, then deletes them. Only
-- entries this call acknowledges are ever deleted, so an entry nobody has processed stays.
-- KEYS[1] the lane's stream; ARGV[1] the group; ARGV[2..] the entry ids.
local done = 0
for i = 2, #ARGV do
  if redis.call('XACK', KEYS[1], ARGV[1], ARGV[i]) == 1 then
    redis.call('XDEL', KEYS[1], ARGV[i])
    done = done + 1
  end
end
return done

-- Removes the tokens of one id (ARGV[1] = 'id', ARGV[2] the id) or of one role and subject
-- (ARGV[1] = 'subject', ARGV[2] the role, ARGV[3] the subject), including any this node has
-- not heard of yet, and tells the other nodes which hashes went.
-- KEYS[1] the token hash map; ARGV[4] the change channel, ARGV[5] the message prefix.
-- Returns the removed hashes.
local entries = redis.call('HGETALL', KEYS[1])
local gone = {}
for i = 1, #entries, 2 do
  local p = cjson.decode(entries[i + 1]).principal
  if (ARGV[1] == 'id' and p.tokenId == ARGV[2])
      or (ARGV[1] == 'subject' and p.role == ARGV[2] and p.subject == ARGV[3]) then
    gone[#gone + 1] = entries[i]
  end
end
if #gone > 0 then
  redis.call('HDEL', KEYS[1], unpack(gone))
  redis.call('PUBLISH', ARGV[4], ARGV[5] .. '-\t' .. table.concat(gone, '\t'))
end
return gone

-- Keeps a token hash and tells the other nodes, in one step: every node hears puts and
-- removals in the order Redis made them, so a revoked token is never brought back by a put
-- heard late.
-- KEYS[1] the token hash map; ARGV[1] the token's hash, ARGV[2] its JSON,
-- ARGV[3] the change channel, ARGV[4] the message prefix (kind and node).
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. '+\t' .. ARGV[1] .. '\t' .. ARGV[2])
return 1

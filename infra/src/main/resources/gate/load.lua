-- Replace one SKU's gate with the ledger's numbers, and note when (Redis's clock, microseconds): a reservation made
-- before this is not in these numbers (see release.lua).
-- KEYS: stock hash, per-user hash.  ARGV: available, limit, then user/held pairs.
redis.replicate_commands()
local now = redis.call('TIME')
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'available', ARGV[1], 'limit', ARGV[2], 'loaded', now[1] .. string.format('%06d', now[2]))
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
return 1

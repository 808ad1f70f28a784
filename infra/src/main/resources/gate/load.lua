-- Replace one SKU's gate with the ledger's numbers.
-- KEYS: stock hash, per-user hash.  ARGV: available, limit, then user/held pairs.
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'available', ARGV[1], 'limit', ARGV[2])
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
return 1

-- Restock (or correct) a loaded SKU and set its limit. A SKU that is not loaded stays so: it is rebuilt
-- from the ledger, which already holds the change, on its next reservation.
-- KEYS: stock hash.  ARGV: delta, limit.  Returns the new available count, or -1 when not loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
redis.call('HSET', KEYS[1], 'limit', ARGV[2])
return redis.call('HINCRBY', KEYS[1], 'available', tonumber(ARGV[1]))

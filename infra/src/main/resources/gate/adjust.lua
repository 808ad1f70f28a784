-- Restock (or correct) a loaded SKU, and set its limit unless ARGV[2] is -1. A SKU that is not loaded stays so:
-- it is rebuilt from the ledger, which already holds the change, on its next reservation.
-- KEYS: stock hash.  ARGV: delta, limit.  Returns the new available count, or -1 when not loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
if ARGV[2] ~= '-1' then
  redis.call('HSET', KEYS[1], 'limit', ARGV[2])
end
return redis.call('HINCRBY', KEYS[1], 'available', tonumber(ARGV[1]))

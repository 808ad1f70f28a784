-- Give back what one order reserved, once. Quantities come from the order's own record.
-- KEYS: order record, then n stock hashes, then n per-user hashes, then the pending set.
-- ARGV: ttl, n SKUs, then 'unstored' for an order never stored: its units never reached the ledger, so a SKU loaded
-- from the ledger after the reservation counts them as available already and gets nothing back.
-- Returns 1 when units went back, 0 when there was nothing to release.
local n = (#KEYS - 2) / 2
local unstored = ARGV[2 + n] == 'unstored'
local reserved = tonumber(redis.call('HGET', KEYS[1], 'at') or '0')
redis.call('ZREM', KEYS[#KEYS], KEYS[1])
if redis.call('HGET', KEYS[1], 'state') ~= 'R' then
  return 0
end
local user = redis.call('HGET', KEYS[1], 'user')
for i = 1, n do
  local quantity = tonumber(redis.call('HGET', KEYS[1], 'q:' .. ARGV[1 + i]) or '0')
  local loaded = tonumber(redis.call('HGET', KEYS[1 + i], 'loaded') or '0')
  if quantity > 0 and redis.call('EXISTS', KEYS[1 + i]) == 1 and not (unstored and loaded > reserved) then
    redis.call('HINCRBY', KEYS[1 + i], 'available', quantity)
    if redis.call('HINCRBY', KEYS[1 + n + i], user, -quantity) <= 0 then
      redis.call('HDEL', KEYS[1 + n + i], user)
    end
  end
end
redis.call('HSET', KEYS[1], 'state', 'X')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1

-- Reserve every line of one order, or none. Stock and the per-user limit are checked together.
-- KEYS: order record, then n stock hashes, then n per-user hashes, then the pending set.
-- ARGV: user, ttl, n SKUs, n quantities, now (ms).
-- Returns {code, line, available}: 0 reserved, 1 this order was handled before, -1 sold out (with the units the line's
-- SKU has left), -2 limit exceeded, -3 the SKU is not loaded (rebuild it from the ledger and try again).
redis.replicate_commands()
local now = redis.call('TIME')
local n = (#KEYS - 2) / 2
local user = ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {1, 0}
end
for i = 1, n do
  local stock = KEYS[1 + i]
  local quantity = tonumber(ARGV[2 + n + i])
  local available = redis.call('HGET', stock, 'available')
  if not available then
    return {-3, i}
  end
  if tonumber(available) < quantity then
    return {-1, i, tonumber(available)}
  end
  local limit = tonumber(redis.call('HGET', stock, 'limit') or '0')
  if limit > 0 then
    local held = tonumber(redis.call('HGET', KEYS[1 + n + i], user) or '0')
    if held + quantity > limit then
      return {-2, i}
    end
  end
end
redis.call('HSET', KEYS[1], 'state', 'R', 'user', user, 'at', now[1] .. string.format('%06d', now[2]))
for i = 1, n do
  local quantity = tonumber(ARGV[2 + n + i])
  redis.call('HINCRBY', KEYS[1 + i], 'available', -quantity)
  redis.call('HINCRBY', KEYS[1 + n + i], user, quantity)
  redis.call('HSET', KEYS[1], 'q:' .. ARGV[2 + i], quantity)
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
-- Pending until the order is known stored (or released): a placement that dies here leaves it to be healed.
redis.call('ZADD', KEYS[#KEYS], ARGV[#ARGV], KEYS[1])
return {0, 0}

/**
 * The Lua scripts that make cluster decisions atomic in Redis: one script per message
 * (id, log, publish), per name reservation, per resume, per leave, per dead node. Each
 * publishes what it decided on the bus in the same step, so every node hears decisions in
 * the order Redis made them.
 *
 * Users are JSON records in one hash (`ClusterUser`); bus messages are JSON: `{m, p}` for a
 * message (id and payload), `{e: ...}` for everything else (see bus.ts).
 */

/**
 * KEYS: last id, log stream, ref key, bus, the lineage's rate window. ARGV: floor (the
 * highest id the caller has seen: after Redis lost its data, ids restart above it),
 * payload, log length, ref TTL seconds, '1' when the message has a ref, messages allowed per
 * window, window ms. Returns {0, id} for a ref already accepted, {2, 0} when the user's
 * sessions sent too many within the window (on any node), {1, id} otherwise.
 */
export const SUBMIT = `
if ARGV[5] == '1' then
  local known = redis.call('GET', KEYS[3])
  if known then return {0, tonumber(known)} end
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local allowed = tonumber(ARGV[6])
local oldest = redis.call('LINDEX', KEYS[5], allowed - 1)
if oldest and tonumber(oldest) > now - tonumber(ARGV[7]) then return {2, 0} end
local id = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[1]))
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)[1]
if top then id = math.max(id, tonumber(string.match(top[1], '^(%d+)'))) end
id = id + 1
redis.call('SET', KEYS[1], id)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], id .. '-1', 'p', ARGV[2])
if ARGV[5] == '1' then redis.call('SET', KEYS[3], id, 'EX', ARGV[4]) end
redis.call('LPUSH', KEYS[5], now)
redis.call('LTRIM', KEYS[5], 0, allowed - 1)
redis.call('PEXPIRE', KEYS[5], ARGV[7])
redis.call('PUBLISH', KEYS[4], '{"m":' .. id .. ',"p":' .. ARGV[2] .. '}')
return {1, id}
`;

/** KEYS: users, bus. ARGV: name key, record, join event. Returns 1 when the name was free. */
export const JOIN = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PUBLISH', KEYS[2], ARGV[3])
return 1
`;

/**
 * KEYS: users, bus. ARGV: name key, token hash, node, new token hash, address, transport.
 * Moves the user to `node` when the token is theirs; returns the new record, or nil.
 */
export const RESUME = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return false end
local user = cjson.decode(current)
if user.tokenHash ~= ARGV[2] then return false end
user.node = ARGV[3]
user.tokenHash = ARGV[4]
user.address = ARGV[5]
user.transport = ARGV[6]
local encoded = cjson.encode(user)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
redis.call('PUBLISH', KEYS[2], '{"e":"moved","user":' .. encoded .. '}')
return encoded
`;

/**
 * KEYS: users, bus. ARGV: name key, lineage, node, leave event. Frees the name only if it is
 * still that lineage's and held by that node (a resume elsewhere may have moved it).
 */
export const LEAVE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local user = cjson.decode(current)
if user.lineage ~= ARGV[2] or user.node ~= ARGV[3] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[2], ARGV[4])
return 1
`;

/**
 * After this node reconnected. KEYS: users, bus. ARGV: name key, record, lineage, node, join
 * event, token hash. Returns 'added' (was missing: registered and announced), 'kept' (it is
 * this node's; if another node adopted the user while this one was cut off and no resume
 * happened since, it is taken back and the adopter told), or 'lost' (the name is someone
 * else's now, or the user resumed on another node).
 */
export const REGISTER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('PUBLISH', KEYS[2], ARGV[5])
  return 'added'
end
local user = cjson.decode(current)
if user.lineage ~= ARGV[3] then return 'lost' end
if user.node == ARGV[4] then return 'kept' end
if user.tokenHash ~= ARGV[6] then return 'lost' end
user.node = ARGV[4]
local encoded = cjson.encode(user)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
redis.call('PUBLISH', KEYS[2], '{"e":"moved","user":' .. encoded .. '}')
return 'kept'
`;

/**
 * KEYS: nodes, users, bus, the dead node's heartbeat. ARGV: dead node, this node. When the
 * heartbeat is gone and no other node reaped it first, this node adopts the dead node's
 * users (to hold them for the grace period) and says so; returns their records, or nil.
 */
export const REAP = `
if redis.call('EXISTS', KEYS[4]) == 1 then return false end
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return false end
local adopted = {}
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local user = cjson.decode(all[i + 1])
  if user.node == ARGV[1] then
    user.node = ARGV[2]
    local encoded = cjson.encode(user)
    redis.call('HSET', KEYS[2], all[i], encoded)
    adopted[#adopted + 1] = encoded
  end
end
redis.call('PUBLISH', KEYS[3], '{"e":"down","node":' .. cjson.encode(ARGV[1]) .. ',"by":' .. cjson.encode(ARGV[2]) ..
  ',"users":[' .. table.concat(adopted, ',') .. ']}')
return adopted
`;

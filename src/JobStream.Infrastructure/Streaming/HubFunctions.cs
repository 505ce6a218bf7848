using System.Globalization;
using JobStream.Application.Streaming;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// JobStream's Redis Function library, <c>jobstream</c>: the one way events are published, by JobStream
/// itself and by producers in any language (<c>FCALL</c>; docs/redis-contract.md). Each function checks
/// the event, appends it to its topic's capped history and publishes it with the new id in one atomic
/// step, so history and delivery always agree and ids are unique and ordered per topic; with a
/// once-key, publishing the same key again returns the first id and delivers nothing. The keys of a
/// topic share a hash tag with its channel (<see cref="Tag"/>), so every function runs on a Redis
/// Cluster and publishes on its topic's shard (SPUBLISH). Every instance loads the library on every
/// primary at start, when Redis comes back (a restart without persistence loses functions), when the
/// cluster's shape changes, and when a call finds it missing. The limits in it are the loading instance's Hub settings:
/// instances that share a Redis should share those settings too.
/// </summary>
public sealed class HubFunctions(IConnectionMultiplexer redis, HubOptions hub, string keyPrefix)
{
    public const string Publish = "jobstream_publish";
    public const string Progress = "jobstream_progress";
    public const string Broadcast = "jobstream_broadcast";

    /// <summary>The error a function answers for a connection that does not exist or has expired.</summary>
    public const string NoConnection = "NOCONNECTION";

    public string Code { get; } = $$"""
        #!lua name=jobstream
        -- JobStream's producer functions (docs/redis-contract.md). Loaded by every JobStream instance.

        local HISTORY_LENGTH = {{hub.HistoryLength.ToString(CultureInfo.InvariantCulture)}}
        local CONNECTION_TTL_MS = {{(hub.ConnectionTtlSeconds * 1000L).ToString(CultureInfo.InvariantCulture)}}
        local PROGRESS_TTL_MS = {{(hub.ProgressTtlSeconds * 1000L).ToString(CultureInfo.InvariantCulture)}}
        local MAX_DATA_BYTES = {{hub.MaxPayloadBytes.ToString(CultureInfo.InvariantCulture)}}

        local MAX_DEPTH = {{PublishedPayload.MaxDataDepth.ToString(CultureInfo.InvariantCulture)}}

        -- The data's grammar is RFC 8259's, as .NET reads it (PublishedPayload): cjson.decode would also
        -- take NaN, Infinity, hex numbers and raw control characters in strings, which no instance could
        -- then read back.
        local function json_problem(s)
          local pos, n = 1, #s
          local function ws() pos = string.find(s, '[^ \t\n\r]', pos) or n + 1 end
          local value
          local function text()
            pos = pos + 1
            while true do
              local _, last = string.find(s, '^[^"\\%z\1-\31]*', pos)
              pos = last + 1
              local c = string.sub(s, pos, pos)
              if c == '"' then pos = pos + 1; return true end
              if c ~= '\\' then return false end
              local e = string.sub(s, pos + 1, pos + 1)
              if string.find(e, '^["\\/bfnrt]') then pos = pos + 2
              elseif e == 'u' and string.find(s, '^%x%x%x%x', pos + 2) then pos = pos + 6
              else return false end
            end
          end
          local function number()
            local _, last = string.find(s, '^-?%d+', pos)
            if not last or string.find(s, '^-?0%d', pos) then return false end
            pos = last + 1
            if string.sub(s, pos, pos) == '.' then
              _, last = string.find(s, '^%d+', pos + 1)
              if not last then return false end
              pos = last + 1
            end
            if string.find(s, '^[eE]', pos) then
              _, last = string.find(s, '^[+-]?%d+', pos + 1)
              if not last then return false end
              pos = last + 1
            end
            return true
          end
          local function items(close, depth, member)
            pos = pos + 1
            ws()
            if string.sub(s, pos, pos) == close then pos = pos + 1; return true end
            while true do
              if member then
                if string.sub(s, pos, pos) ~= '"' or not text() then return false end
                ws()
                if string.sub(s, pos, pos) ~= ':' then return false end
                pos = pos + 1
                ws()
              end
              if not value(depth) then return false end
              ws()
              local c = string.sub(s, pos, pos)
              pos = pos + 1
              if c == close then return true end
              if c ~= ',' then return false end
              ws()
            end
          end
          value = function(depth)
            local c = string.sub(s, pos, pos)
            if c == '{' or c == '[' then
              if depth >= MAX_DEPTH then return false end
              return items(c == '{' and '}' or ']', depth + 1, c == '{')
            elseif c == '"' then return text()
            elseif c == '-' or string.find(c, '^%d') then return number()
            else
              for _, word in ipairs({'true', 'false', 'null'}) do
                if string.sub(s, pos, pos + #word - 1) == word then pos = pos + #word; return true end
              end
              return false
            end
          end
          ws()
          if not value(0) then return 'not valid JSON near byte ' .. pos end
          ws()
          if pos <= n then return 'not valid JSON: more after the value, at byte ' .. pos end
          return nil
        end

        -- UTF-8 as RFC 3629 has it (no overlong forms, no surrogates), as .NET requires of the data too.
        local function not_utf8(s)
          local i, n = 1, #s
          while true do
            i = string.find(s, '[\128-\255]', i)
            if not i then return false end
            local c, b = string.byte(s, i), string.byte(s, i + 1) or 0
            local length = (c >= 194 and c <= 223) and 2 or (c >= 224 and c <= 239) and 3 or (c >= 240 and c <= 244) and 4 or 0
            if length == 0 or i + length - 1 > n then return true end
            for k = 1, length - 1 do
              local next = string.byte(s, i + k)
              if next < 128 or next > 191 then return true end
            end
            if (c == 224 and b < 160) or (c == 237 and b > 159) or (c == 240 and b < 144) or (c == 244 and b > 143) then return true end
            i = i + length
          end
        end

        -- An event name: 1-64 of A-Z a-z 0-9 _ . : - and nothing else (PublishedPayload.EventName).
        local function problem(event, data)
          if type(event) ~= 'string' or #event < 1 or #event > 64 or not string.find(event, '^[A-Za-z0-9_%.:%-]+$') then
            return 'ERR the event name must be 1-64 letters, digits or _.:-'
          end
          if type(data) ~= 'string' then
            return 'ERR the data is missing'
          end
          if #data > MAX_DATA_BYTES then
            return 'ERR the data is ' .. #data .. ' bytes, over the ' .. MAX_DATA_BYTES .. '-byte limit (Hub:MaxPayloadBytes)'
          end
          if not_utf8(data) then
            return 'ERR the data is not valid JSON: it is not UTF-8'
          end
          local bad = json_problem(data)
          if bad then
            return 'ERR the data is ' .. bad
          end
          return nil
        end

        -- Keeps the newest HISTORY_LENGTH events (and up to TRIM_BATCH more, so trimming is a batch every
        -- so often, not a call every time). XDEL rather than XADD MAXLEN: only XDEL moves the stream's
        -- max-deleted-entry-id, which tells a client resuming from a trimmed id that it missed events.
        local ONCE_LIMIT = {{OnceLimit(hub).ToString(CultureInfo.InvariantCulture)}}
        local TRIM_BATCH = {{Math.Min(100, hub.HistoryLength / 4).ToString(CultureInfo.InvariantCulture)}}
        local function trim(history)
          local excess = redis.call('XLEN', history) - HISTORY_LENGTH
          if excess > TRIM_BATCH then
            local ids = {}
            for i, entry in ipairs(redis.call('XRANGE', history, '-', '+', 'COUNT', math.min(excess, 1000))) do
              ids[i] = entry[1]
            end
            redis.call('XDEL', history, unpack(ids))
          end
        end

        -- Appends to the history (KEYS: history, once-keys) and publishes; returns the id, and whether it is new.
        local function append(history, onces, channel, event, data, once, ttl)
          if once ~= '' then
            local seen = redis.call('HGET', onces, once)
            if seen then return seen, false end
          end
          local id = redis.call('XADD', history, '*', 'event', event, 'data', data)
          trim(history)
          redis.call('PEXPIRE', history, ttl)
          if once ~= '' then
            -- A topic that never goes quiet (the broadcast one) would keep its once-keys for ever: past
            -- ONCE_LIMIT they start again, which only a retry of an event that old could notice.
            if redis.call('HLEN', onces) >= ONCE_LIMIT then redis.call('DEL', onces) end
            redis.call('HSET', onces, once, id)
            redis.call('PEXPIRE', onces, ttl)
          end
          -- Sharded: the channel hashes to the keys' slot (HubFunctions.Tag), so on a cluster its traffic
          -- stays on the shard that holds the topic; a single server treats it as a plain channel.
          redis.call('SPUBLISH', channel, '{"event":"' .. event .. '","id":"' .. id .. '","data":' .. data .. '}')
          return id, true
        end

        -- KEYS: history, connection, once-keys. ARGV: connection id, event, data JSON[, once-key].
        redis.register_function('{{Publish}}', function(keys, args)
          local bad = problem(args[2], args[3])
          if bad then return redis.error_reply(bad) end
          if redis.call('EXISTS', keys[2]) == 0 then
            return redis.error_reply('{{NoConnection}} connection ' .. tostring(args[1]) .. ' does not exist or has expired')
          end
          redis.call('PEXPIRE', keys[2], CONNECTION_TTL_MS)
          local id = append(keys[1], keys[3], 'stream:' .. args[1], args[2], args[3], args[4] or '', CONNECTION_TTL_MS)
          return id
        end)

        -- KEYS: latest, history, once-keys. ARGV: user id, data JSON[, once-key]. The event is "progress".
        redis.register_function('{{Progress}}', function(keys, args)
          local bad = problem('progress', args[2])
          if bad then return redis.error_reply(bad) end
          local id, new = append(keys[2], keys[3], 'progress:' .. args[1], 'progress', args[2], args[3] or '', PROGRESS_TTL_MS)
          if new then
            redis.call('SET', keys[1], args[2], 'PX', PROGRESS_TTL_MS)
          end
          return id
        end)

        -- KEYS: history, once-keys. ARGV: event, data JSON[, once-key].
        redis.register_function('{{Broadcast}}', function(keys, args)
          local bad = problem(args[1], args[2])
          if bad then return redis.error_reply(bad) end
          local id = append(keys[1], keys[2], 'broadcast', args[1], args[2], args[3] or '', CONNECTION_TTL_MS)
          return id
        end)
        """;

    /// <summary>Once-keys kept per topic, at most: ten times its history, and no fewer than 10,000.</summary>
    public static int OnceLimit(HubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return Math.Max(10_000, hub.HistoryLength * 10);
    }

    /// <summary>
    /// The hash tag of every key of a topic: its channel's name in braces ("{stream:3f2a…}"), so that all of
    /// them and the channel itself hash to one slot. On a cluster a function or a transaction may touch its
    /// topic's keys together, and the function's SPUBLISH stays on the shard that holds them.
    /// </summary>
    public static string Tag(StreamTopic topic) => "{" + StreamChannels.For(topic) + "}";

    /// <summary>A connection's record (its owner and creation time).</summary>
    public string ConnectionKey(string connectionId) => $"{keyPrefix}{Tag(StreamTopic.Connection(connectionId))}:connection";

    /// <summary>A user's latest progress.</summary>
    public string ProgressKey(string userId) => $"{keyPrefix}{Tag(StreamTopic.UserProgress(userId))}:latest";

    /// <summary>
    /// The history stream of a topic (the broadcast's made once: every broadcast publish names it, and every
    /// /events client that resumes or connects where this instance does not know the newest id reads it).
    /// </summary>
    public string HistoryKey(StreamTopic topic) =>
        topic == StreamTopic.Broadcast ? _broadcastHistoryKey ??= BuildHistoryKey(topic) : BuildHistoryKey(topic);

    private string? _broadcastHistoryKey;

    private string BuildHistoryKey(StreamTopic topic) => $"{keyPrefix}{Tag(topic)}:history";

    /// <summary>The hash of a topic's once-keys and the ids they were published with.</summary>
    public string OnceKey(StreamTopic topic) => $"{keyPrefix}{Tag(topic)}:once";

    /// <summary>
    /// Loads (or replaces) the library on every primary this client knows: one server, Sentinel's current
    /// primary, or each primary of a cluster (a replica takes its primary's functions by replication, and
    /// has them when it is promoted). A Redis error says why it could not be; no primary at all is one too.
    /// </summary>
    public async Task LoadAsync()
    {
        var primaries = Primaries();
        if (primaries.Count == 0)
        {
            throw new RedisException("No Redis primary is connected to load the jobstream library on.");
        }
        await Task.WhenAll(primaries.Select(server => server.ExecuteAsync("FUNCTION", "LOAD", "REPLACE", Code)));
    }

    /// <summary>Publishes through the function for the topic; returns the event's id.</summary>
    /// <exception cref="ConnectionGoneException">The connection does not exist or has expired.</exception>
    public async Task<string> PublishAsync(StreamTopic topic, string eventName, string data, string? onceKey)
    {
        object[] call = topic.Kind switch
        {
            StreamTopicKind.Connection => [Publish, 3, (RedisKey)HistoryKey(topic), (RedisKey)ConnectionKey(topic.Key), (RedisKey)OnceKey(topic), topic.Key, eventName, data, onceKey ?? ""],
            StreamTopicKind.UserProgress => [Progress, 3, (RedisKey)ProgressKey(topic.Key), (RedisKey)HistoryKey(topic), (RedisKey)OnceKey(topic), topic.Key, data, onceKey ?? ""],
            _ => [Broadcast, 2, (RedisKey)HistoryKey(topic), (RedisKey)OnceKey(topic), eventName, data, onceKey ?? ""],
        };
        try
        {
            return (string)(await CallAsync(call))!;
        }
        catch (RedisServerException ex) when (ErrorCode(ex) == NoConnection)
        {
            throw new ConnectionGoneException(topic.Key);
        }
    }

    private async Task<RedisResult> CallAsync(object[] call)
    {
        var database = redis.GetDatabase();
        try
        {
            return await database.ExecuteAsync("FCALL", call);
        }
        catch (RedisServerException ex) when (ErrorCode(ex) == "ERR")
        {
            // Redis says only "ERR" for a function it does not know (a restart without persistence, a
            // flush): asked directly, it says whether the library is there; when it is not, load it and
            // call again. Any other error stands.
            if (await IsLoadedAsync())
            {
                throw;
            }
            await LoadAsync();
            return await database.ExecuteAsync("FCALL", call);
        }
    }

    /// <summary>Whether every primary holds the library now (FUNCTION LIST with its name).</summary>
    public async Task<bool> IsLoadedAsync()
    {
        var primaries = Primaries();
        var loaded = await Task.WhenAll(primaries.Select(async server => (await server.ExecuteAsync("FUNCTION", "LIST", "LIBRARYNAME", "jobstream")).Length > 0));
        return primaries.Count > 0 && loaded.All(yes => yes);
    }

    private List<IServer> Primaries() => [.. redis.GetServers().Where(server => server.IsConnected && !server.IsReplica)];

    // The error's code: the first word of Redis's reply ("ERR", "WRONGTYPE", NOCONNECTION), the one
    // part of it that is meant for programs.
    private static string ErrorCode(RedisServerException error) => error.Message.Split(' ', 2)[0];
}

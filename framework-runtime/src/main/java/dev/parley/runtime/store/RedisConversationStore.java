package dev.parley.runtime.store;

import dev.parley.api.spi.ConversationRecord;
import dev.parley.runtime.config.Settings;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Conversations in Redis, shared by every instance that names the same server, so a conversation started on
 * one instance continues on any other. One key per conversation, {@code parley:conversation:<id>}, holding its
 * JSON ({@link ConversationJson}) and expiring {@code parley.store.time-to-live} after its last save.
 *
 * <p>Connections come from a bounded pool; connecting, reading and waiting for a free connection are each bounded
 * by {@code parley.store.redis.timeout}, so an unreachable Redis fails a load or save in bounded time instead of
 * holding the thread. Failures are thrown as {@link IllegalStateException}; the runtime turns a failed load into
 * the dialect's internal error for that one session and logs a failed save.
 *
 * <p>This is the only class that uses Jedis, an optional dependency: {@link ConversationStores} loads it only when
 * {@code parley.store=redis}.
 */
final class RedisConversationStore implements ConversationStores.OwnedStore {
    private static final System.Logger LOG = System.getLogger(RedisConversationStore.class.getName());
    static final String NAME = "redis";
    static final String URL = "parley.store.redis.url";
    static final String TIMEOUT = "parley.store.redis.timeout";
    static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    static final String KEY_PREFIX = "parley:conversation:";
    private static final int POOL_SIZE = 16;

    private final RedisClient redis;
    private final long timeToLiveMillis;
    /** host:port, for messages: the URL may hold a password. */
    private final String address;

    RedisConversationStore(URI url, Duration timeToLive, Duration timeout) {
        if (!JedisURIHelper.isValid(url)) {
            throw new IllegalArgumentException("Setting " + URL + " must be a URL like redis://host:6379 or "
                    + "rediss://user:password@host:6380/0, not '" + url.getScheme() + "://" + url.getHost() + "...'");
        }
        if (timeToLive.toMillis() <= 0) {
            throw new IllegalArgumentException("The store's time to live must be positive: " + timeToLive);
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(timeoutMillis));
        pool.setTestOnBorrow(true); // a connection broken by a Redis restart is replaced, not used for one failed command
        pool.setJmxEnabled(false);
        this.redis = RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(clientConfig(url, timeoutMillis))
                .poolConfig(pool)
                .build();
        this.timeToLiveMillis = timeToLive.toMillis();
        this.address = JedisURIHelper.getHostAndPort(url).toString();
    }

    /** What the URL says (credentials, database, TLS for {@code rediss://}, {@code ?protocol=3}), with bounded timeouts. */
    private static DefaultJedisClientConfig clientConfig(URI url, int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("parley")
                .ssl(JedisURIHelper.isRedisSSLScheme(url));
        String password = JedisURIHelper.getPassword(url);
        if (password != null) {
            config.user(JedisURIHelper.getUser(url)).password(password);
        }
        if (JedisURIHelper.hasDbIndex(url)) {
            config.database(JedisURIHelper.getDBIndex(url));
        }
        RedisProtocol protocol = JedisURIHelper.getRedisProtocol(url);
        if (protocol != null) {
            config.protocol(protocol);
        }
        return config.build();
    }

    static RedisConversationStore fromSettings(Settings settings, Duration timeToLive) {
        String url = settings.get(URL, DEFAULT_URL);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting " + URL + " is not a URL: " + e.getMessage(), e);
        }
        RedisConversationStore store = new RedisConversationStore(uri, timeToLive,
                settings.getDuration(TIMEOUT, Duration.ofSeconds(2)));
        store.checkReachable();
        return store;
    }

    /** An unreachable Redis is logged at start, but does not stop it: sessions that continue nothing do not need it. */
    private void checkReachable() {
        try {
            redis.ping();
            LOG.log(Level.INFO, "Conversations are kept in Redis at {0}", address);
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Conversations are kept in Redis at {0}, which cannot be reached now ({1}); "
                    + "conversations cannot be continued or saved until it can", address, e.getMessage());
        }
    }

    @Override
    public Optional<ConversationRecord> load(String conversationId) {
        String json;
        try {
            json = redis.get(key(conversationId));
        } catch (JedisException e) {
            throw failed("load", conversationId, e);
        }
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConversationJson.read(json));
        } catch (IllegalArgumentException unreadable) {
            throw new IllegalStateException("Conversation " + conversationId + " in Redis at " + address
                    + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public void save(ConversationRecord conversation) {
        try {
            redis.set(key(conversation.conversationId()), ConversationJson.write(conversation),
                    SetParams.setParams().px(timeToLiveMillis));
        } catch (JedisException e) {
            throw failed("save", conversation.conversationId(), e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }

    static String key(String conversationId) {
        return KEY_PREFIX + conversationId;
    }

    private IllegalStateException failed(String what, String conversationId, JedisException e) {
        return new IllegalStateException("Redis at " + address + " failed to " + what + " conversation " + conversationId
                + ": " + e.getMessage(), e);
    }
}

package dev.parley.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Jedis is an optional dependency: an application without it must run with the in-memory store, and never load the
 * Redis store's class. Checked in a class loader that has this module's class path minus the Jedis jar.
 */
class ConversationStoresWithoutJedisTest {

    /** The test class path without Jedis; records which of Parley's store classes and Jedis' were asked for. */
    private static final class WithoutJedis extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        WithoutJedis(URL[] path) {
            super("without-jedis", path, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("redis.clients.") || name.startsWith(ConversationStores.class.getPackageName() + ".")) {
                requested.add(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static WithoutJedis loader() throws MalformedURLException {
        List<URL> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.replace('\\', '/').contains("/redis/clients/jedis/")) {
                path.add(new File(entry).toURI().toURL());
            }
        }
        return new WithoutJedis(path.toArray(URL[]::new));
    }

    /** {@code ConversationStores.select(settings)} in {@code loader}; returns the store, or throws what select threw. */
    private static Object select(ClassLoader loader, Map<String, String> values) throws Exception {
        Class<?> settingsClass = Class.forName("dev.parley.runtime.config.Settings", true, loader);
        Function<String, String> properties = values::get;
        Object settings = settingsClass.getConstructor(Function.class, Map.class).newInstance(properties, Map.of());
        Method select = Class.forName(ConversationStores.class.getName(), true, loader).getMethod("select", settingsClass);
        try {
            return select.invoke(null, settings);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void theClassPathReallyLacksJedis() throws Exception {
        try (WithoutJedis loader = loader()) {
            assertTrue(System.getProperty("java.class.path").contains("jedis"), "the test class path has Jedis");
            assertFalse(loaded(loader, "redis.clients.jedis.RedisClient"));
        }
    }

    @Test
    void theInMemoryStoreWorksAndTheRedisStoreIsNeverLoaded() throws Exception {
        try (WithoutJedis loader = loader()) {
            Object store = select(loader, Map.of());
            assertEquals(InMemoryConversationStore.class.getName(), store.getClass().getName());
            Class.forName(ConversationStores.class.getName(), true, loader).getMethod("release",
                    Class.forName("dev.parley.api.spi.ConversationStore", true, loader)).invoke(null, store);
            assertFalse(loader.requested.contains(RedisConversationStore.class.getName()), loader.requested::toString);
            assertTrue(loader.requested.stream().noneMatch(name -> name.startsWith("redis.clients.")), loader.requested::toString);
        }
    }

    @Test
    void choosingRedisWithoutJedisSaysWhichDependencyToAdd() throws Exception {
        try (WithoutJedis loader = loader()) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> select(loader, Map.of("parley.store", "redis")));
            assertInstanceOf(IllegalStateException.class, refused, refused::toString);
            assertTrue(refused.getMessage().startsWith("parley.store=redis needs redis.clients:jedis:8.0.2 on the class path"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("<artifactId>jedis</artifactId>"), refused.getMessage());
        }
    }

    private static boolean loaded(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

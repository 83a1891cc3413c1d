package io.skyscope.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    private final Map<String, String> source = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void keepsWhatItLoadedUntilInvalidated() {
        var cache = new TtlCache<String, String>(60_000, this::load);
        source.put("k", "v1");
        assertThat(cache.get("k")).contains("v1");
        source.put("k", "v2");
        assertThat(cache.get("k")).contains("v1");
        assertThat(loads).hasValue(1);
        cache.invalidate("k");
        assertThat(cache.get("k")).contains("v2");
        source.remove("k");
        cache.clear();
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void aLoadThatOverlappedAChangeIsNotKept() {
        source.put("k", "member");
        var cache = new AtomicReference<TtlCache<String, String>>();
        // The loader reads the old value; before it returns, the change is stored and the key
        // invalidated (as a removal on another thread would).
        cache.set(new TtlCache<>(60_000, key -> {
            Optional<String> old = load(key);
            source.remove(key);
            cache.get().invalidate(key);
            return old;
        }));
        assertThat(cache.get().get("k")).contains("member");
        assertThat(cache.get().get("k")).isEmpty();
    }

    @Test
    void aTimeToLiveOfZeroKeepsNothing() {
        var cache = new TtlCache<String, String>(0, this::load);
        source.put("k", "v1");
        cache.get("k");
        source.put("k", "v2");
        assertThat(cache.get("k")).contains("v2");
    }

    private Optional<String> load(String key) {
        loads.incrementAndGet();
        return Optional.ofNullable(source.get(key));
    }
}

package io.skyscope.client.voice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Positions set by a test. */
final class MapPositions {
    private final Map<String, double[]> at = new ConcurrentHashMap<>();

    void put(String userId, double x, double y) {
        at.put(userId, new double[] {x, y});
    }

    Positions seenBy(String me) {
        return new Positions() {
            @Override
            public double[] self() {
                return at.get(me);
            }

            @Override
            public double[] of(String userId) {
                return at.get(userId);
            }
        };
    }
}

package io.skyscope.server.world.proximity;

import io.skyscope.map.MapArea;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A proximity engine on a hand-made list of areas, with a clock the test moves. */
final class VoiceScene {
    final Settable clock = new Settable();
    final ProximityEngine engine;
    final List<VoiceEvent> events = new ArrayList<>();

    VoiceScene(VoiceSettings settings, List<MapArea> areas) {
        this.engine = new ProximityEngine(settings, areas, clock);
    }

    /** Whether people put here for the first time have their camera on. */
    private boolean cameras;

    /** From now on, people put here for the first time have their camera on. */
    VoiceScene camerasOn() {
        cameras = true;
        return this;
    }

    VoiceScene put(String userId, double x, double y) {
        boolean first = engine.member(userId) == null;
        engine.put(userId, x, y);
        if (first && cameras) {
            engine.camera(userId, true);
        }
        return this;
    }

    /** One tick, then the clock moves on by {@code millis}. */
    List<VoiceEvent> tick(long millis) {
        List<VoiceEvent> got = engine.tick();
        events.addAll(got);
        clock.now = clock.now.plusMillis(millis);
        return got;
    }

    /** Ticks every 100 ms until past the debounce, so that every pending change is made. */
    List<VoiceEvent> settle() {
        List<VoiceEvent> got = new ArrayList<>();
        long until = engine.settings().debounceMillis() + 200;
        for (long t = 0; t <= until; t += 100) {
            got.addAll(tick(100));
        }
        return got;
    }

    /** The joins among {@code events}. */
    static List<VoiceEvent.Joined> joins(List<VoiceEvent> events) {
        return events.stream().filter(VoiceEvent.Joined.class::isInstance).map(VoiceEvent.Joined.class::cast).toList();
    }

    /** The leaves among {@code events}. */
    static List<VoiceEvent.Left> leaves(List<VoiceEvent> events) {
        return events.stream().filter(VoiceEvent.Left.class::isInstance).map(VoiceEvent.Left.class::cast).toList();
    }

    static final class Settable extends Clock {
        Instant now = Instant.parse("2026-11-22T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

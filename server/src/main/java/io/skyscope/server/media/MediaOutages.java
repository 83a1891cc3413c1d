package io.skyscope.server.media;

import io.skyscope.server.world.MediaStages;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the media server answers, as the media thread finds it: one WARN when it stops (with
 * what the server was doing), one INFO when it answers again, and how long to wait before the next
 * probe while it is down: 1 s, doubling up to 10 s, so a Janus that comes back is found within
 * ten seconds and a long outage costs one request every ten seconds.
 *
 * <p>Threads: {@link #failed}, {@link #answered} and {@link #nextProbe} are called on the media
 * thread alone; {@link #now} from anywhere (space owners read it every tick, {@code /health} on
 * request): it is one immutable snapshot behind a volatile field.
 */
public final class MediaOutages {
    private static final Logger LOG = LoggerFactory.getLogger(MediaOutages.class);
    static final Duration FIRST_PROBE = Duration.ofSeconds(1);
    static final Duration LONGEST_PROBE = Duration.ofSeconds(10);

    private final Clock clock;
    private volatile MediaStages.Availability now;
    private Duration probe = FIRST_PROBE;

    public MediaOutages(Clock clock) {
        this.clock = clock;
        this.now = new MediaStages.Availability(true, 0, clock.instant(), null);
    }

    public MediaStages.Availability now() {
        return now;
    }

    /**
     * The media server gave no answer (or lost what it held) while the server was {@code doing}
     * something. Returns true if it was up until now: the caller then hangs everyone up.
     */
    boolean failed(String url, String doing, String why) {
        MediaStages.Availability was = now;
        if (!was.up()) {
            return false;
        }
        now = new MediaStages.Availability(false, was.changes() + 1, clock.instant(), why);
        probe = FIRST_PROBE;
        LOG.warn("media server {} is down (while {}): {}; stages fall back to direct links until it answers again",
                url, doing, why);
        return true;
    }

    /** A probe got its answer: up again (returns true) if it was down. */
    boolean answered(String url) {
        MediaStages.Availability was = now;
        if (was.up()) {
            return false;
        }
        now = new MediaStages.Availability(true, was.changes() + 1, clock.instant(), null);
        LOG.info("media server {} answers again after {} s; stages move back to it", url,
                Duration.between(was.since(), now.since()).toSeconds());
        return true;
    }

    /** The wait before the next probe while down, each one twice the last, at most {@link #LONGEST_PROBE}. */
    Duration nextProbe() {
        Duration wait = probe;
        probe = probe.multipliedBy(2).compareTo(LONGEST_PROBE) > 0 ? LONGEST_PROBE : probe.multipliedBy(2);
        return wait;
    }
}

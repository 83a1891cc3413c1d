package io.skyscope.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The walk thread: every joined user steps once a period on an absolute schedule, at a random
 * phase of its own (a slot of 1 ms in a wheel one period round). One thread for all users, as a
 * virtual thread per walker costs the load generator more than the stepping itself. When the
 * thread falls behind, the late slots are walked late; a user whose slot came round more than a
 * period ago skips the missed steps (catching up in a burst would walk faster than allowed).
 *
 * <p>Threads: {@link #add} from any thread (a user's welcome), {@link #run} on its own thread,
 * {@link #stop} and {@link #skippedSlots} from the benchmark's main thread.
 */
final class CrowdWalk implements Runnable {
    private static final long SLOT_NANOS = 1_000_000;

    private final int slots;
    private final List<List<CrowdUser>> wheel = new ArrayList<>();
    private final Queue<CrowdUser> arriving = new ConcurrentLinkedQueue<>();
    private volatile boolean stop;
    private volatile long skippedSlots;

    CrowdWalk(double movesPerSecond) {
        this.slots = (int) Math.max(1, Math.round(1e9 / movesPerSecond / SLOT_NANOS));
        for (int i = 0; i < slots; i++) {
            wheel.add(new ArrayList<>());
        }
    }

    void add(CrowdUser user) {
        arriving.add(user);
    }

    void stop() {
        stop = true;
    }

    /** Slots passed over because the thread was more than a period late: a sign the generator is overloaded. */
    long skippedSlots() {
        return skippedSlots;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long slot = 0;
        while (!stop) {
            for (CrowdUser u; (u = arriving.poll()) != null; ) {
                wheel.get(ThreadLocalRandom.current().nextInt(slots)).add(u);
            }
            long due = (System.nanoTime() - start) / SLOT_NANOS;
            if (due - slot >= slots) {
                skippedSlots += due - slot - slots + 1;
                slot = due - slots + 1;
            }
            for (; slot <= due; slot++) {
                for (CrowdUser u : wheel.get((int) (slot % slots))) {
                    u.step();
                }
            }
            LockSupport.parkNanos(start + slot * SLOT_NANOS - System.nanoTime());
        }
    }
}

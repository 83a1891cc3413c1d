package io.skyscope.client.voice;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the capture thread may push my microphone into WebRTC, so that webrtc-java 0.14.0
 * neither aborts nor hangs the process, and the people I already talk to miss nothing of me when a
 * link starts or ends.
 *
 * <p>Why. Whenever a send stream starts and the audio module is not recording, WebRTC's
 * {@code AudioState::AddSendingStream} starts the module's recording thread (webrtc-java does not
 * expose {@code SetAudioRecording(false)}). That thread ({@code HeadlessAudioDeviceModule::
 * CaptureThreadProcess}) pulls the playout mix every 10 ms ({@code NeedMorePlayData}) and delivers
 * it to every send stream ({@code DeliverRecordedData}); our {@code pushAudio} delivering into the
 * same streams at the same moment trips {@code AudioSendStream::SendAudioData}'s race check. So the
 * thread must be stopped ({@code stopRecording}) before my voice goes on. And {@code
 * CustomAudioSource}'s list of sinks has no lock, so adding or removing a link's sender must not
 * overlap a push either.
 *
 * <p>The module's {@code StartRecording} and {@code StopRecording} share its thread handle without
 * a lock: a stop of ours that overlaps WebRTC starting a send stream (on its worker thread) joins
 * a thread twice, or one already gone, and the worker hangs in {@code pthread_join} for good (seen
 * under load: every later call into that connection hangs with it). So send streams start only
 * where we know: every link's audio sender starts inactive, and the engine activates it on the
 * control thread once the link is connected ({@link #holdBack} before, {@link #settle} once the
 * link has sent a packet: the send stream, and with it the recording thread, starts inside that
 * call or when the transport is first writable just after). WebRTC also restarts the recording
 * thread when a sender gets its stream or track while the thread is stopped ({@code
 * AudioState::OnMuteStreamChanged}), so every control-thread task counts as settling too. No stop
 * of ours runs while any of those may start it, and none starts while a stop runs. What is left
 * are starts the engine cannot see (a description WebRTC applies later on its own thread): rarer
 * now, not impossible (docs/benchmarks.md).
 *
 * <p>How, without holding my voice back. Pulling the playout mix calls every remote track's sink
 * ({@link RemoteVoice#onData}) before the module delivers, so a recording thread announces itself
 * to {@link #heard} on its first round, under this fence's lock: a push in progress finishes
 * first, and no push starts until that thread was stopped ({@code stopRecording}, which joins it).
 * That holds only while some link's sink is being pulled (a link I hear, called by the play
 * thread within {@link #ARMED_NANOS}); otherwise every push first stops whatever recording thread
 * may run. A recording thread that shows up neither during an activation nor just after one (a
 * send stream WebRTC started on its own, which the links above should never let happen) is
 * stopped only once it is {@link #UNEXPECTED_START_NANOS} old, by when its start has long returned.
 *
 * <p>What is left: the module's thread delivers the playout mix into every send stream from a new
 * link's activation until that link has sent a packet (about 30 ms) and it may be stopped; that
 * needs webrtc-java (see docs/benchmarks.md).
 *
 * <p>Threads: {@link #push} on the capture thread; {@link #heard} on WebRTC's audio module threads
 * (the play thread, and a recording thread while one runs); {@link #holdBack}, {@link #settle} and
 * {@link #changeSinks} on the control thread. Lock order: the module holds its own mutex while it
 * calls {@link #heard}, so nothing holds this lock while calling into the module.
 */
final class CaptureFence {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureFence.class);
    /** A link's sink called by the play thread this recently is still being pulled (every 10 ms). */
    static final long ARMED_NANOS = TimeUnit.MILLISECONDS.toNanos(30);
    /** A recording thread that showed up outside an activation is stopped no younger than this. */
    static final long UNEXPECTED_START_NANOS = TimeUnit.MILLISECONDS.toNanos(30);
    /**
     * A recording thread that shows up this soon after an activation returned was started by it
     * (its first round often comes a little after the call returns): its start is over.
     */
    private static final long AFTER_ACTIVATION_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long WAIT_MILLIS = 200;
    private static final long JOIN_MILLIS = 50;

    private final Object lock = new Object();
    private final Set<Object> settling = new HashSet<>();
    private final Supplier<? extends Collection<PeerLink>> links;
    private volatile Runnable stopRecording = () -> { };
    private int sinkChanges;
    private boolean stopping;
    /** The audio module's play thread, once known: the caller of {@link #heard} that outlived a stopRecording. */
    private Thread player;
    /** A thread other than the player that pulled a sink: a recording thread, until stopped. */
    private Thread fencer;
    private long fencerSince;
    /** Whether {@link #fencer} showed up while or just after a link was activated (its start is over once none is). */
    private boolean fencerExpected;
    /** When the last activation returned ({@link #settle}). */
    private long settledNanos = System.nanoTime() - AFTER_ACTIVATION_NANOS;

    CaptureFence(Supplier<? extends Collection<PeerLink>> links) {
        this.links = links;
    }

    /** The audio module's {@code stopRecording}, once the module exists. */
    void stopsWith(Runnable stop) {
        this.stopRecording = stop;
    }

    /**
     * Runs {@code push} if my voice may go into WebRTC now; false if it is held back (dropped).
     * Waits, bounded, rather than dropping while a link's sinks change, a link's sender is being
     * activated or a recording thread is stopped. Capture thread.
     */
    boolean push(Runnable push) {
        Thread target;
        synchronized (lock) {
            if (!awaitNoSinkChange()) {
                return false;
            }
            if (fencer == null && announcing()) {
                push.run();
                return true;
            }
            // A send stream may be starting: no stop may overlap it.
            if (!awaitSettled()) {
                return false;
            }
            if (fencer != null && !fencerExpected) {
                waitNanos(UNEXPECTED_START_NANOS - (System.nanoTime() - fencerSince));
                if (!settling.isEmpty()) {
                    return false;
                }
            }
            target = fencer;
            stopping = true;
        }
        boolean stopped = stop(target);
        synchronized (lock) {
            stopping = false;
            lock.notifyAll();
            if (target != null && fencer == target) {
                if (!stopped) {
                    // It outlived stopRecording while no send stream could start: the play thread.
                    LOG.debug("audio module play thread is {}", target);
                    player = target;
                }
                fencer = null;
            }
            if (!awaitNoSinkChange() || fencer != null || !settling.isEmpty()) {
                return false;
            }
            push.run();
            return true;
        }
    }

    /** Under the lock: waits {@code nanos}, letting others take the lock meanwhile. */
    private void waitNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the module's recording and waits for {@code thread} to end; false if it did not. */
    private boolean stop(Thread thread) {
        stopRecording.run();
        if (thread == null) {
            return true;
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Under the lock: a recording thread starting now would announce itself to {@link #heard} first. */
    private boolean announcing() {
        return player != null && armed();
    }

    private boolean armed() {
        long now = System.nanoTime();
        for (PeerLink link : links.get()) {
            if (now - link.voice.playerNanos < ARMED_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** Under the lock: waits, bounded, until no link's sinks are being changed; false if they still are. */
    private boolean awaitNoSinkChange() {
        return awaitNone(() -> sinkChanges > 0);
    }

    /** Under the lock: waits, bounded, until no link is being activated; false if one still is. */
    private boolean awaitSettled() {
        return awaitNone(() -> !settling.isEmpty());
    }

    private boolean awaitNone(BooleanSupplier busy) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (busy.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * A remote track's sink was called (WebRTC's audio module thread, before it goes on with the
     * round): the play thread marks {@code voice}'s link as pulled; any other thread is a
     * recording thread, and no push starts until it is stopped.
     */
    void heard(RemoteVoice voice) {
        Thread t = Thread.currentThread();
        synchronized (lock) {
            if (t == player) {
                voice.playerNanos = System.nanoTime();
            } else if (fencer != t) {
                fencer = t;
                fencerSince = System.nanoTime();
                fencerExpected = !settling.isEmpty() || fencerSince - settledNanos < AFTER_ACTIVATION_NANOS;
            }
        }
    }

    /**
     * {@code link}'s audio sender is about to be activated, which starts its send stream (and
     * WebRTC's recording thread, if none runs): a stop of the recording thread in progress ends
     * first, and none starts until {@link #settle}. Control thread.
     */
    void holdBack(Object link) {
        synchronized (lock) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            long left;
            while (stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            settling.add(link);
        }
    }

    /** {@code link}'s activation has returned: its send stream has started, or never will. Control thread. */
    void settle(Object link) {
        synchronized (lock) {
            settling.remove(link);
            settledNanos = System.nanoTime();
            lock.notifyAll();
        }
    }

    /**
     * Runs {@code change} (adding or removing a sender of my microphone, or a remote track's
     * sink) with no push under way meanwhile; the capture thread waits for it rather than
     * dropping my voice. Control thread.
     */
    void changeSinks(Runnable change) {
        synchronized (lock) {
            sinkChanges++;
        }
        try {
            change.run();
        } finally {
            synchronized (lock) {
                sinkChanges--;
                lock.notifyAll();
            }
        }
    }
}

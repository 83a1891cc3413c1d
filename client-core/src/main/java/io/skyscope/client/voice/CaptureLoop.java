package io.skyscope.client.voice;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The capture thread: reads the microphone every 10 ms, runs it through echo cancellation, noise
 * suppression and gain control, measures it (the level meter works while muted: a microphone
 * test), and pushes it, or silence when I am not transmitting, into WebRTC.
 *
 * <p>It is the only thread that calls {@code pushAudio}. webrtc-java 0.14.0 aborts the process if
 * its audio module's own recording thread delivers while {@code pushAudio} runs, and WebRTC starts
 * that thread whenever a link begins to send; the {@link CaptureFence} decides when a push may run
 * and stops that thread.
 */
final class CaptureLoop implements Runnable {
    /** What the loop needs from its engine. */
    interface Host {
        boolean running();

        BackendSlots slots();

        VoiceProcessing processing();

        /** Whether my microphone should go out now (not muted, push-to-talk key held, …). */
        boolean transmitting();

        /** Called after each frame's level was measured; {@code changed} if speaking flipped. */
        void measured(boolean changed);

        /** Runs {@code push} if my voice may go into WebRTC now; returns false if it could not run. */
        boolean whenSettled(Runnable push);
    }

    private final Host host;
    private final CustomAudioSource source;
    final LevelMeter meter = new LevelMeter();
    private final short[] frame = new short[Pcm.FRAME];
    private final byte[] bytes = new byte[2 * Pcm.FRAME];
    private volatile long heldBack;

    CaptureLoop(Host host, CustomAudioSource source) {
        this.host = host;
        this.source = source;
    }

    /** Frames not pushed because a link was settling and the fence could not cover it. */
    long heldBack() {
        return heldBack;
    }

    @Override
    public void run() {
        BooleanSupplier running = host::running;
        while (running.getAsBoolean()) {
            var input = host.slots().input();
            if (input == null) {
                // No microphone: silence goes out, as when muted. The push matters: it stops the
                // audio module's own recording thread, which WebRTC starts when a link begins to
                // send, and which would otherwise send what the module plays (the people I hear,
                // back to themselves).
                Arrays.fill(frame, (short) 0);
                push();
                pause();
                continue;
            }
            if (!input.read(frame)) {
                continue;
            }
            host.processing().capture(frame, input.latencyMillis() + host.slots().outputLatency());
            boolean changed = meter.update(frame);
            host.measured(changed);
            if (!host.transmitting()) {
                Arrays.fill(frame, (short) 0);
            }
            push();
        }
    }

    /** Pushes {@code frame} into WebRTC if the fence lets it. */
    private void push() {
        Pcm.toBytes(frame, frame.length, bytes);
        boolean pushed = host.whenSettled(() -> source.pushAudio(bytes, 16, Pcm.SAMPLE_RATE, 1, Pcm.FRAME));
        if (!pushed) {
            heldBack++;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(Pcm.FRAME_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

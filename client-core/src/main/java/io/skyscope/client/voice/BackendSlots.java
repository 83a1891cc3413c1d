package io.skyscope.client.voice;

import io.skyscope.client.voice.AudioBackend.AudioInput;
import io.skyscope.client.voice.AudioBackend.AudioOutput;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The microphone and speaker in use, swappable while the engine runs: the user picks another
 * device, the new one opens, the loops pick it up on their next frame and the old one closes.
 * Thread-safe.
 */
final class BackendSlots {
    private final AtomicReference<AudioInput> input = new AtomicReference<>();
    private final AtomicReference<AudioOutput> output = new AtomicReference<>();
    private volatile AudioDevice inputDevice;
    private volatile AudioDevice outputDevice;

    AudioInput input() {
        return input.get();
    }

    AudioOutput output() {
        return output.get();
    }

    int outputLatency() {
        AudioOutput o = output.get();
        return o == null ? 0 : o.latencyMillis();
    }

    AudioDevice inputDevice() {
        return inputDevice;
    }

    AudioDevice outputDevice() {
        return outputDevice;
    }

    void useInput(AudioDevice device, AudioInput opened) {
        inputDevice = device;
        AudioInput old = input.getAndSet(opened);
        if (old != null) {
            old.close();
        }
    }

    void useOutput(AudioDevice device, AudioOutput opened) {
        outputDevice = device;
        AudioOutput old = output.getAndSet(opened);
        if (old != null) {
            old.close();
        }
    }

    void closeAll() {
        AudioInput i = input.getAndSet(null);
        if (i != null) {
            i.close();
        }
        AudioOutput o = output.getAndSet(null);
        if (o != null) {
            o.close();
        }
    }
}

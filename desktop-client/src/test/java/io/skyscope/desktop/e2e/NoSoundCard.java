package io.skyscope.desktop.e2e;

import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.AudioDevice;
import java.util.List;

/**
 * A computer without a sound card, as Java Sound presents one (this machine's own case): no
 * microphones, no speakers, and opening the default fails. Stands in for {@code JavaSoundAudio} so
 * the test behaves the same on a machine that has sound hardware.
 */
final class NoSoundCard implements AudioBackend {
    @Override
    public List<AudioDevice> inputs() {
        return List.of();
    }

    @Override
    public List<AudioDevice> outputs() {
        return List.of();
    }

    @Override
    public AudioInput openInput(AudioDevice device) {
        throw new IllegalStateException("cannot open microphone 'default' for 16-bit capture: no line");
    }

    @Override
    public AudioOutput openOutput(AudioDevice device) {
        throw new IllegalStateException("cannot open speaker 'default' for 16-bit playback: no line");
    }
}

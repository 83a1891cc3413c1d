package io.skyscope.desktop.voice;

import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.VoiceEngine;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which microphone and speaker to use, and opening them with an error that says what to do. */
final class DeviceChoice {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceChoice.class);

    private DeviceChoice() {
    }

    /** The saved device if it is still there, else the system's default, else the first, else none. */
    static AudioDevice choose(List<AudioDevice> devices, String savedId, boolean input) {
        return devices.stream().filter(d -> d.id().equals(savedId)).findFirst()
                .or(() -> devices.stream().filter(AudioDevice::isDefault).findFirst())
                .or(() -> devices.stream().findFirst())
                .orElse(AudioDevice.none(input));
    }

    /** Opens a device on the engine; returns what went wrong (the engine keeps the one it had), or null. */
    static String open(VoiceEngine engine, AudioDevice device, boolean input) {
        if (device.isNone()) {
            return null;
        }
        try {
            if (input) {
                engine.useInput(device);
            } else {
                engine.useOutput(device);
            }
            return null;
        } catch (RuntimeException e) {
            LOG.warn("cannot open {} {}", input ? "microphone" : "speaker", device.id(), e);
            return "The " + (input ? "microphone" : "speaker") + " '" + device.name() + "' could not be opened: "
                    + e.getMessage() + ". Another program may be holding it; close that program or pick another "
                    + (input ? "microphone" : "speaker") + " in the voice bar.";
        }
    }
}

package io.skyscope.client.voice;

import io.skyscope.client.video.VideoDevice;
import java.util.List;

/**
 * The voice state as the UI shows it, immutable.
 *
 * @param muted        my microphone is muted
 * @param deafened     I hear nobody (and am muted)
 * @param pushToTalk   push-to-talk mode instead of an open microphone
 * @param talkKeyDown  the push-to-talk key is held
 * @param transmitting my microphone is going out right now
 * @param micLevel     my microphone's level after processing, dBFS (also while muted: a mic test)
 * @param speaking     I am speaking and transmitting
 * @param input        the microphone in use
 * @param output       the speaker in use
 * @param links        every voice link
 * @param canHearMe    who hears me now: links that are up and carry my voice
 * @param camera       my camera is on (its capture runs; it goes out where the server allows)
 * @param cameraDevice the camera chosen, or null before one is
 * @param sharing      I share a screen (on every two-way link)
 * @param roomPictures the pictures that reach me through a mixed meeting room's media server, one
 *                     entry per person (reason {@code media-video}, receive-only), shaped as a
 *                     link's so that a UI shows them as it shows a link's
 */
public record VoiceSnapshot(boolean muted, boolean deafened, boolean pushToTalk, boolean talkKeyDown,
                            boolean transmitting, double micLevel, boolean speaking, AudioDevice input,
                            AudioDevice output, List<LinkState> links, List<String> canHearMe, boolean camera,
                            VideoDevice cameraDevice, boolean sharing, List<LinkState> roomPictures) {
    /** Without pictures from a mixed meeting room. */
    public VoiceSnapshot(boolean muted, boolean deafened, boolean pushToTalk, boolean talkKeyDown,
                         boolean transmitting, double micLevel, boolean speaking, AudioDevice input,
                         AudioDevice output, List<LinkState> links, List<String> canHearMe, boolean camera,
                         VideoDevice cameraDevice, boolean sharing) {
        this(muted, deafened, pushToTalk, talkKeyDown, transmitting, micLevel, speaking, input, output, links,
                canHearMe, camera, cameraDevice, sharing, List.of());
    }

    /** Voice only: camera and screen share off. */
    public VoiceSnapshot(boolean muted, boolean deafened, boolean pushToTalk, boolean talkKeyDown,
                         boolean transmitting, double micLevel, boolean speaking, AudioDevice input,
                         AudioDevice output, List<LinkState> links, List<String> canHearMe) {
        this(muted, deafened, pushToTalk, talkKeyDown, transmitting, micLevel, speaking, input, output, links,
                canHearMe, false, null, false);
    }

    public VoiceSnapshot {
        links = List.copyOf(links);
        canHearMe = List.copyOf(canHearMe);
        roomPictures = roomPictures == null ? List.of() : List.copyOf(roomPictures);
    }

    public LinkState link(String peerId) {
        return links.stream().filter(l -> l.peerId().equals(peerId)).findFirst().orElse(null);
    }
}

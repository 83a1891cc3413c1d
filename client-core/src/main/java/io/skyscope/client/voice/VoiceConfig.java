package io.skyscope.client.voice;

import java.util.List;

/**
 * How the voice engine connects and processes sound.
 *
 * @param iceServers STUN and TURN servers (from the server's welcome)
 * @param relayOnly  use TURN relays only (no direct or server-reflexive paths)
 * @param processing which microphone processing stages run
 * @param mixer      distance and pan law of the spatial mix
 * @param chime      play a short sound when someone comes into hearing range
 * @param warmLinks  set connections up before calls (the server's {@code voice.warm}), so that a call
 *                   starts by turning audio on
 */
public record VoiceConfig(List<IceServer> iceServers, boolean relayOnly, VoiceProcessing.Options processing,
                          SpatialMixer.Settings mixer, boolean chime, boolean warmLinks) {

    /** A STUN or TURN server, in the browser's RTCIceServer shape. */
    public record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = List.copyOf(urls);
        }
    }

    public VoiceConfig {
        iceServers = List.copyOf(iceServers);
    }

    /** No ICE servers (host candidates only), every processing stage on, the default mix, a chime, warm links. */
    public static VoiceConfig defaults() {
        return new VoiceConfig(List.of(), false, VoiceProcessing.Options.ALL, SpatialMixer.Settings.DEFAULT, true,
                true);
    }

    public VoiceConfig withIceServers(List<IceServer> servers, boolean relayOnly) {
        return new VoiceConfig(servers, relayOnly, processing, mixer, chime, warmLinks);
    }

    public VoiceConfig withProcessing(VoiceProcessing.Options options) {
        return new VoiceConfig(iceServers, relayOnly, options, mixer, chime, warmLinks);
    }

    public VoiceConfig withChime(boolean on) {
        return new VoiceConfig(iceServers, relayOnly, processing, mixer, on, warmLinks);
    }

    public VoiceConfig withWarmLinks(boolean on) {
        return new VoiceConfig(iceServers, relayOnly, processing, mixer, chime, on);
    }
}

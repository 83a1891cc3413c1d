package io.skyscope.client.voice;

import io.skyscope.client.video.VideoKind;

/**
 * One voice link as the UI shows it.
 *
 * @param peerId      who is at the other end
 * @param reason      why the server linked us: {@code proximity}, {@code room} or {@code stage}
 * @param direction   {@code sendrecv}, {@code sendonly} or {@code recvonly}, from my side
 * @param state       where the connection is
 * @param level       how loud their voice arrives, dBFS (-120 = silence), before my mix
 * @param speaking    whether they are speaking now (from their audio)
 * @param muted       whether they say they are muted
 * @param volume      the volume I set for them (1 = 100 %)
 * @param gain        how loud the mix plays them now (0 to 1, distance times volume)
 * @param setupMillis from the join to the connection, or -1 while not connected
 * @param video       their camera and screen share on this link, and mine
 */
public record LinkState(String peerId, String reason, String direction, State state, double level,
                        boolean speaking, boolean muted, double volume, double gain, long setupMillis,
                        Video video) {

    public enum State { CONNECTING, CONNECTED, FAILED, CLOSED }

    /** A link without video (before the first {@code voice.state} and {@code voice.video} about it). */
    public LinkState(String peerId, String reason, String direction, State state, double level, boolean speaking,
                     boolean muted, double volume, double gain, long setupMillis) {
        this(peerId, reason, direction, state, level, speaking, muted, volume, gain, setupMillis, Video.NONE);
    }

    public LinkState {
        video = video == null ? Video.NONE : video;
    }

    /** Whether they can hear me over this link (it is up and sends my voice). */
    public boolean carriesMyVoice() {
        return state == State.CONNECTED && !"recvonly".equals(direction);
    }

    /**
     * Video on one link.
     *
     * @param camera        they say their camera is on ({@code voice.state})
     * @param screen        they say they share their screen ({@code voice.state})
     * @param send          the server lets my camera travel to them ({@code voice.video})
     * @param receive       the server lets their camera travel to me ({@code voice.video})
     * @param cameraFlowing frames of their camera arrived within the last two seconds
     * @param screenFlowing frames of their screen arrived within the last two seconds
     * @param cameraStalled their camera should reach me (on, and allowed) but no frame came for two seconds
     * @param screenStalled their screen share is on but no frame came for two seconds
     * @param sendingCamera my camera goes out on this link now
     * @param sendingScreen my screen share goes out on this link now
     * @param problem       why this link stays audio-only, or null
     */
    public record Video(boolean camera, boolean screen, boolean send, boolean receive, boolean cameraFlowing,
                        boolean screenFlowing, boolean cameraStalled, boolean screenStalled, boolean sendingCamera,
                        boolean sendingScreen, String problem) {
        public static final Video NONE = new Video(false, false, false, false, false, false, false, false, false,
                false, null);

        public boolean flowing(VideoKind kind) {
            return kind == VideoKind.CAMERA ? cameraFlowing : screenFlowing;
        }

        public boolean stalled(VideoKind kind) {
            return kind == VideoKind.CAMERA ? cameraStalled : screenStalled;
        }

        /** They say this picture is on. */
        public boolean on(VideoKind kind) {
            return kind == VideoKind.CAMERA ? camera : screen;
        }
    }
}

package io.skyscope.client.voice;

import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;

/**
 * How much of my camera each link gets, by how many links carry it: my one capture (640 × 360 at
 * 15 frames a second) is encoded once per link, so the more people see me the smaller each copy.
 * Applied with {@code RTCRtpSender.setParameters} (the encoder scales and drops frames); WebRTC's
 * congestion control adapts each link further below the bitrate ceiling.
 */
enum VideoQuality {
    /** One or two links: 640 × 360, 15 fps, 800 kbit/s. */
    FULL(1.0, 15, 800_000),
    /** Three or four: 480 × 270, 12 fps, 450 kbit/s. */
    MEDIUM(640.0 / 480, 12, 450_000),
    /** Five or more: 320 × 180, 10 fps, 250 kbit/s. */
    LOW(2.0, 10, 250_000);

    final double scaleDownBy;
    final double maxFramerate;
    final int maxBitrate;

    VideoQuality(double scaleDownBy, double maxFramerate, int maxBitrate) {
        this.scaleDownBy = scaleDownBy;
        this.maxFramerate = maxFramerate;
        this.maxBitrate = maxBitrate;
    }

    static VideoQuality forLinks(int links) {
        return links <= 2 ? FULL : links <= 4 ? MEDIUM : LOW;
    }

    /** Sets this quality on every encoding of {@code sender}; throws if WebRTC refuses it. */
    void applyTo(RTCRtpSender sender) {
        RTCRtpSendParameters parameters = sender.getParameters();
        for (RTCRtpEncodingParameters encoding : parameters.encodings) {
            encoding.scaleResolutionDownBy = scaleDownBy;
            encoding.maxFramerate = maxFramerate;
            encoding.maxBitrate = maxBitrate;
        }
        sender.setParameters(parameters);
    }
}

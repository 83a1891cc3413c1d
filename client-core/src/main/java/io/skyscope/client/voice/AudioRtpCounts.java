package io.skyscope.client.voice;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/**
 * The audio RTP that went each way on one link, from WebRTC's statistics: my {@code outbound-rtp}
 * and the peer's {@code inbound-rtp} for audio. A stream WebRTC has no entry for yet counts zero.
 * What shows that a warm link carries no audio at all (not even silence or comfort noise).
 *
 * @param packetsSent     audio RTP packets I sent
 * @param bytesSent       their payload bytes
 * @param packetsReceived audio RTP packets the peer's side sent me that arrived
 * @param bytesReceived   their payload bytes
 */
public record AudioRtpCounts(long packetsSent, long bytesSent, long packetsReceived, long bytesReceived) {

    static AudioRtpCounts from(RTCStatsReport report) {
        long packetsSent = 0;
        long bytesSent = 0;
        long packetsReceived = 0;
        long bytesReceived = 0;
        for (RTCStats stats : report.getStats().values()) {
            Map<String, Object> a = stats.getAttributes();
            if (!"audio".equals(a.get("kind")) && !"audio".equals(a.get("mediaType"))) {
                continue;
            }
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP) {
                packetsSent += count(a, "packetsSent");
                bytesSent += count(a, "bytesSent");
            } else if (stats.getType() == RTCStatsType.INBOUND_RTP) {
                packetsReceived += count(a, "packetsReceived");
                bytesReceived += count(a, "bytesReceived");
            }
        }
        return new AudioRtpCounts(packetsSent, bytesSent, packetsReceived, bytesReceived);
    }

    private static long count(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.longValue() : 0;
    }
}

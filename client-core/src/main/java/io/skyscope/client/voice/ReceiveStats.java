package io.skyscope.client.voice;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/**
 * How a peer's voice arrives on one link: WebRTC's {@code inbound-rtp} statistics for the audio
 * stream, i.e. what NetEq (WebRTC's audio jitter buffer and loss concealment) saw and did. The
 * counters run from the link's start; {@link #minus} gives them over a stretch of time.
 *
 * @param packetsReceived        RTP packets received
 * @param packetsLost            RTP packets lost (expected less received; late ones count as received)
 * @param totalSamplesReceived   samples NetEq played out, concealed ones included
 * @param concealedSamples       of those, samples made up because the packet was missing or late
 * @param silentConcealedSamples of those, concealed samples that were silence or comfort noise
 * @param concealmentEvents      stretches of concealment (one or more missing packets in a row)
 * @param fecPacketsReceived     Opus in-band FEC (redundant) packets received; 0 while the sender adds none
 * @param jitterBufferDelay      seconds samples spent in the jitter buffer, summed over emitted samples
 * @param jitterBufferEmittedCount samples that left the jitter buffer (divide the delay by it)
 */
public record ReceiveStats(long packetsReceived, long packetsLost, long totalSamplesReceived, long concealedSamples,
                           long silentConcealedSamples, long concealmentEvents, long fecPacketsReceived,
                           double jitterBufferDelay, long jitterBufferEmittedCount) {

    /** The audio {@code inbound-rtp} entry of a report, or null if it has none yet. */
    static ReceiveStats from(RTCStatsReport report) {
        for (RTCStats stats : report.getStats().values()) {
            Map<String, Object> a = stats.getAttributes();
            if (stats.getType() == RTCStatsType.INBOUND_RTP
                    && ("audio".equals(a.get("kind")) || "audio".equals(a.get("mediaType")))) {
                return new ReceiveStats(count(a, "packetsReceived"), count(a, "packetsLost"),
                        count(a, "totalSamplesReceived"), count(a, "concealedSamples"),
                        count(a, "silentConcealedSamples"), count(a, "concealmentEvents"),
                        count(a, "fecPacketsReceived"),
                        a.get("jitterBufferDelay") instanceof Number n ? n.doubleValue() : 0,
                        count(a, "jitterBufferEmittedCount"));
            }
        }
        return null;
    }

    /** The counts from {@code earlier} to these. */
    public ReceiveStats minus(ReceiveStats earlier) {
        return new ReceiveStats(packetsReceived - earlier.packetsReceived, packetsLost - earlier.packetsLost,
                totalSamplesReceived - earlier.totalSamplesReceived, concealedSamples - earlier.concealedSamples,
                silentConcealedSamples - earlier.silentConcealedSamples,
                concealmentEvents - earlier.concealmentEvents, fecPacketsReceived - earlier.fecPacketsReceived,
                jitterBufferDelay - earlier.jitterBufferDelay,
                jitterBufferEmittedCount - earlier.jitterBufferEmittedCount);
    }

    /** The share of played samples that were concealed (0 to 1; 0 if none were played). */
    public double concealedShare() {
        return totalSamplesReceived <= 0 ? 0 : (double) concealedSamples / totalSamplesReceived;
    }

    /** The share of played samples that were concealed with silence or comfort noise. */
    public double silentShare() {
        return totalSamplesReceived <= 0 ? 0 : (double) silentConcealedSamples / totalSamplesReceived;
    }

    /** The share of packets lost on the way (0 to 1). */
    public double lossShare() {
        long expected = packetsReceived + packetsLost;
        return expected <= 0 ? 0 : (double) packetsLost / expected;
    }

    /** How long a sample waited in the jitter buffer on average, in milliseconds. */
    public double meanJitterBufferMillis() {
        return jitterBufferEmittedCount <= 0 ? 0 : 1000 * jitterBufferDelay / jitterBufferEmittedCount;
    }

    private static long count(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.longValue() : 0;
    }
}

package io.skyscope.client.video;

/**
 * A camera the engine can open: a real one as webrtc-java lists it ({@code id} is its unique id),
 * or the synthetic {@link #testPattern()}, which needs no hardware and is what headless clients,
 * bots and tests send.
 *
 * @param id   the device's unique id ({@value #TEST_PATTERN_ID} for the test pattern)
 * @param name a name to show
 */
public record VideoDevice(String id, String name) {
    public static final String TEST_PATTERN_ID = "skyscope:test-pattern";

    private static final VideoDevice TEST_PATTERN = new VideoDevice(TEST_PATTERN_ID, "Test pattern");

    public VideoDevice {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a video device needs an id");
        }
        name = name == null || name.isBlank() ? id : name;
    }

    /** The synthetic camera: a moving {@link TestPattern} marked as camera. */
    public static VideoDevice testPattern() {
        return TEST_PATTERN;
    }

    public boolean isTestPattern() {
        return TEST_PATTERN_ID.equals(id);
    }
}

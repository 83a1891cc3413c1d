package io.skyscope.desktop.settings;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the desktop client remembers between runs, kept with {@link Preferences} under the user
 * node {@code io/skyscope/desktop} (the registry on Windows, a plist on macOS, ~/.java on Linux).
 * Thread-safe: {@code Preferences} is.
 *
 * <p>The refresh token is what keeps the session: it is single-use and rotated on every refresh,
 * so a stolen copy stops working as soon as the real client refreshes again.
 */
public final class Settings {
    private static final String SERVER = "server";
    private static final String USERNAME = "username";
    private static final String REFRESH_TOKEN = "refreshToken";
    private static final String DARK = "dark";
    private static final String ZOOM = "zoom";
    private static final String LAST_SPACE = "lastSpace";
    private static final String INPUT_DEVICE = "inputDevice";
    private static final String OUTPUT_DEVICE = "outputDevice";
    private static final String CAMERA = "camera";
    private static final String PUSH_TO_TALK = "pushToTalk";
    private static final String TALK_KEY = "talkKey";
    /** Child node: my volume for each person, by user id. */
    private static final String VOLUMES = "volumes";
    public static final String DEFAULT_TALK_KEY = "T";

    public static final String DEFAULT_SERVER = "http://localhost:8080/";

    private final Preferences prefs;

    public Settings(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's settings node for the app. */
    public static Settings user() {
        return new Settings(Preferences.userRoot().node("io/skyscope/desktop"));
    }

    public String server() {
        return prefs.get(SERVER, DEFAULT_SERVER);
    }

    public void server(String value) {
        put(SERVER, value);
    }

    public String username() {
        return prefs.get(USERNAME, "");
    }

    public void username(String value) {
        put(USERNAME, value);
    }

    public Optional<String> refreshToken() {
        return Optional.ofNullable(prefs.get(REFRESH_TOKEN, null)).filter(s -> !s.isBlank());
    }

    public void refreshToken(String value) {
        put(REFRESH_TOKEN, value);
    }

    public boolean dark() {
        return prefs.getBoolean(DARK, false);
    }

    public void dark(boolean value) {
        prefs.putBoolean(DARK, value);
        flush();
    }

    public double zoom() {
        return prefs.getDouble(ZOOM, 1.0);
    }

    public void zoom(double value) {
        prefs.putDouble(ZOOM, value);
    }

    public Optional<String> lastSpace() {
        return Optional.ofNullable(prefs.get(LAST_SPACE, null));
    }

    public void lastSpace(String spaceId) {
        put(LAST_SPACE, spaceId);
    }

    public Optional<String> inputDevice() {
        return Optional.ofNullable(prefs.get(INPUT_DEVICE, null));
    }

    public void inputDevice(String name) {
        put(INPUT_DEVICE, name);
    }

    public Optional<String> outputDevice() {
        return Optional.ofNullable(prefs.get(OUTPUT_DEVICE, null));
    }

    public void outputDevice(String name) {
        put(OUTPUT_DEVICE, name);
    }

    /** The camera picked last, by its device id. */
    public Optional<String> camera() {
        return Optional.ofNullable(prefs.get(CAMERA, null));
    }

    public void camera(String deviceId) {
        put(CAMERA, deviceId);
    }

    public boolean pushToTalk() {
        return prefs.getBoolean(PUSH_TO_TALK, false);
    }

    public void pushToTalk(boolean value) {
        prefs.putBoolean(PUSH_TO_TALK, value);
        flush();
    }

    /** The push-to-talk key, as a JavaFX {@code KeyCode} name. */
    public String talkKey() {
        return prefs.get(TALK_KEY, DEFAULT_TALK_KEY);
    }

    public void talkKey(String keyCodeName) {
        put(TALK_KEY, keyCodeName);
    }

    /** My volume for one person, 0 to 2; 1 (as they are) unless I changed it. */
    public double volume(String userId) {
        return Math.max(0, Math.min(2, prefs.node(VOLUMES).getDouble(userId, 1.0)));
    }

    public void volume(String userId, double value) {
        prefs.node(VOLUMES).putDouble(userId, value);
        flush();
    }

    /** Forgets everything (tests start from a clean slate with it). */
    public void clear() {
        try {
            prefs.node(VOLUMES).removeNode();
            prefs.clear();
            prefs.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot clear the settings: " + e.getMessage(), e);
        }
    }

    private void put(String key, String value) {
        if (value == null) {
            prefs.remove(key);
        } else {
            prefs.put(key, value);
        }
        flush();
    }

    private void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // Not fatal: the value is still held for this run; it is just not on disk yet.
            org.slf4j.LoggerFactory.getLogger(Settings.class).warn("cannot save settings: {}", e.getMessage());
        }
    }
}

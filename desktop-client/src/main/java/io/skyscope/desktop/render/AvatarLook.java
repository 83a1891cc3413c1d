package io.skyscope.desktop.render;

import javafx.scene.paint.Color;

/**
 * The colours of an avatar, picked from its avatar id (or user id) so the same person always looks
 * the same on every screen. The palettes are the project's own.
 */
public record AvatarLook(Color shirt, Color trousers, Color skin, Color hair, boolean longHair) {
    private static final Color[] SHIRTS = {
        Color.web("#3b82f6"), Color.web("#ef4444"), Color.web("#10b981"), Color.web("#f59e0b"),
        Color.web("#8b5cf6"), Color.web("#ec4899"), Color.web("#f3f4f6"), Color.web("#f97316"),
        Color.web("#64748b"), Color.web("#92400e"),
    };
    private static final Color[] TROUSERS = {
        Color.web("#1e293b"), Color.web("#334155"), Color.web("#1e3a8a"), Color.web("#3f3f46"), Color.web("#44403c"),
    };
    private static final Color[] SKIN = {
        Color.web("#f8d9c0"), Color.web("#eec3a0"), Color.web("#d39b72"), Color.web("#a86b45"), Color.web("#6e4328"),
    };
    private static final Color[] HAIR = {
        Color.web("#1f1b16"), Color.web("#4a2f1b"), Color.web("#8a5a2b"), Color.web("#d9b06c"),
        Color.web("#b4432c"), Color.web("#9ca3af"),
    };

    public static AvatarLook of(String key) {
        int h = mix(key == null ? 0 : key.hashCode());
        return new AvatarLook(SHIRTS[Math.floorMod(h, SHIRTS.length)],
                TROUSERS[Math.floorMod(h >>> 4, TROUSERS.length)],
                SKIN[Math.floorMod(h >>> 8, SKIN.length)],
                HAIR[Math.floorMod(h >>> 12, HAIR.length)],
                ((h >>> 16) & 1) == 1);
    }

    /** Spreads similar strings ("a1", "a2") over different palettes. */
    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x;
    }
}

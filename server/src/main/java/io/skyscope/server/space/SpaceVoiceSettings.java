package io.skyscope.server.space;

import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.Refused;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Users;
import io.skyscope.server.world.proximity.VoiceSettings;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice settings of spaces: the server's defaults, overridden per space by its owner or
 * admins (kept in the {@code spaces} collection), and who may manage a space's voice (set its
 * settings, grant the stage speaker role). Stateless and thread-safe: HTTP request threads and
 * WebSocket handlers call it.
 */
public final class SpaceVoiceSettings {
    private static final Logger log = LoggerFactory.getLogger(SpaceVoiceSettings.class);

    private final Spaces spaces;
    private final SpaceAccessRules rules;
    private final VoiceSettings defaults;

    public SpaceVoiceSettings(Spaces spaces, Memberships memberships, Users users, VoiceSettings defaults) {
        this.spaces = spaces;
        this.rules = new SpaceAccessRules(spaces, memberships, users);
        this.defaults = defaults;
    }

    /** The settings in force in a space: its overrides over the server's defaults. */
    public VoiceSettings effective(String spaceId) {
        return spaces.voiceSettings(spaceId).map(this::merge).orElse(defaults);
    }

    /** The settings of a space, for anyone who may see it. */
    public VoiceSettings get(String userId, String spaceId) {
        rules.actor(userId, spaceId);
        return effective(spaceId);
    }

    /**
     * Replaces a space's overrides; fields left null fall back to the defaults. Owner, admin or
     * server admin only.
     *
     * @throws Refused 403 for others, 400 naming a setting out of range
     */
    public VoiceSettings update(String userId, String spaceId, VoiceSettingsView update) {
        if (!rules.actor(userId, spaceId).canManage()) {
            throw Refused.forbidden("Only the owner or an admin can change the voice settings");
        }
        Document overrides = new Document();
        putIfSet(overrides, "joinRadius", update.joinRadius());
        putIfSet(overrides, "leaveRadius", update.leaveRadius());
        putIfSet(overrides, "maxPeers", update.maxPeers());
        putIfSet(overrides, "debounceMillis", update.debounceMillis());
        putIfSet(overrides, "roomCapacity", update.roomCapacity());
        putIfSet(overrides, "stageAudience", update.stageAudience());
        putIfSet(overrides, "walkingSpeed", update.walkingSpeed());
        putIfSet(overrides, "videoPeers", update.videoPeers());
        putIfSet(overrides, "roomMesh", update.roomMesh());
        VoiceSettings settings;
        try {
            settings = merge(overrides);
        } catch (VoiceSettings.InvalidVoiceSettingException e) {
            throw Refused.badRequest(e.field(), e.getMessage());
        }
        spaces.setVoiceSettings(spaceId, overrides);
        log.info("User {} set the voice settings of space {} to {}", userId, spaceId, settings);
        return settings;
    }

    /**
     * Grants or revokes the stage speaker role, kept with the space so that it outlives the space's
     * owner thread (stopped while the space is empty, or moved to another node). Owner, admin or
     * server admin only.
     *
     * @throws Refused 403 for others
     */
    public void setStageSpeaker(String actorId, String spaceId, String userId, boolean speaker) {
        if (!mayManage(actorId, spaceId)) {
            throw Refused.forbidden("only the space's owner or an admin can grant or revoke the speaker role");
        }
        spaces.setStageSpeaker(spaceId, userId, speaker);
    }

    /** Whether the user may manage the space's voice: its owner or an admin, or a server admin. */
    public boolean mayManage(String userId, String spaceId) {
        try {
            return rules.actor(userId, spaceId).canManage();
        } catch (Refused e) {
            return false;
        }
    }

    public static VoiceSettingsView view(VoiceSettings s) {
        return new VoiceSettingsView(s.joinRadius(), s.leaveRadius(), s.maxPeers(), s.debounceMillis(),
                s.roomCapacity(), s.stageAudience(), s.walkingSpeed(), s.videoPeers(), s.roomMesh());
    }

    private VoiceSettings merge(Document o) {
        double join = number(o, "joinRadius", defaults.joinRadius());
        // A join radius raised past the default leave radius takes the leave radius with it.
        double leave = o.containsKey("leaveRadius") ? number(o, "leaveRadius", 0)
                : Math.max(defaults.leaveRadius(), join + defaults.hysteresis());
        return new VoiceSettings(join, leave,
                (int) number(o, "maxPeers", defaults.maxPeers()),
                (long) number(o, "debounceMillis", defaults.debounceMillis()),
                (int) number(o, "roomCapacity", defaults.roomCapacity()),
                (int) number(o, "stageAudience", defaults.stageAudience()),
                number(o, "walkingSpeed", defaults.walkingSpeed()),
                (int) number(o, "videoPeers", defaults.videoPeers()),
                (int) number(o, "roomMesh", defaults.roomMesh()));
    }

    private static double number(Document d, String key, double fallback) {
        return d.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    private static void putIfSet(Document d, String key, Number value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}

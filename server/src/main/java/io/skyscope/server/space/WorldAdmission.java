package io.skyscope.server.space;

import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.Refused;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Users;
import io.skyscope.server.voice.IceServers;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.SpaceGate;
import io.skyscope.server.world.SpaceLoader;

/**
 * Connects the world engines to accounts and spaces: who may enter a space, with which profile
 * and ICE servers, and which map and voice settings a space runs. Thread-safe (stateless over
 * thread-safe stores).
 */
public final class WorldAdmission implements SpaceGate, SpaceLoader {
    private final SpaceService spaceService;
    private final Spaces spaces;
    private final Users users;
    private final MapCatalog maps;
    private final SpaceVoiceSettings voice;
    private final IceServers iceServers;
    private final SpaceBans bans;

    public WorldAdmission(SpaceService spaceService, Spaces spaces, Users users, MapCatalog maps,
                          SpaceVoiceSettings voice, IceServers iceServers, SpaceBans bans) {
        this.spaceService = spaceService;
        this.spaces = spaces;
        this.users = users;
        this.maps = maps;
        this.voice = voice;
        this.iceServers = iceServers;
        this.bans = bans;
    }

    @Override
    public JoinRequest admit(String userId, String sessionId, String spaceId, String ref) {
        var user = users.findById(userId).orElseThrow(() -> Refused.unauthorized("this account no longer exists"));
        bans.requireNotBanned(spaceId, userId);
        spaceService.join(userId, spaceId);
        return new JoinRequest(userId, sessionId, user.displayName(), user.avatar(), user.status(),
                user.statusText(), ref, iceServers.forUser(userId), null, user.card().photo(), null);
    }

    @Override
    public void saveStatus(String userId, Status status, String text) {
        users.updateProfile(userId, null, null, status, text == null ? "" : text);
    }

    @Override
    public LoadedSpace load(String spaceId) {
        var space = spaces.find(spaceId).orElseThrow(() -> Refused.notFound("no space '" + spaceId + "'"));
        var info = new ServerMessage.SpaceInfo(space.id(), space.name(), space.mapId(), space.mapVersion());
        return new LoadedSpace(info, maps.load(space.mapId(), space.mapVersion()), voice.effective(spaceId),
                spaces.stageSpeakers(spaceId));
    }
}

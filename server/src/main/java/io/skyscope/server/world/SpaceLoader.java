package io.skyscope.server.world;

import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.Set;

/** Loads what a space's owner needs: the space and its current map. */
public interface SpaceLoader {

    /** A space ready to run, with the voice settings in force there and who may speak on its stages. */
    record LoadedSpace(ServerMessage.SpaceInfo info, TiledMap map, VoiceSettings voice, Set<String> stageSpeakers) {
    }

    /** Throws {@code Refused.notFound} if there is no such space. */
    LoadedSpace load(String spaceId);
}

package io.skyscope.server.cluster;

import io.skyscope.protocol.ServerMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The voice set a client believes it has, from what it was told: a welcome clears it, joins add,
 * leaves remove. It must listen from before the client joins ({@link TwoNodes#join(
 * io.skyscope.client.SkyScopeApi, io.skyscope.protocol.rest.AuthResponse, String, Consumer)}): the
 * first voice.join may follow the welcome within milliseconds.
 */
final class VoiceSetView implements Consumer<ServerMessage> {
    private final Set<String> peers = ConcurrentHashMap.newKeySet();

    @Override
    public void accept(ServerMessage m) {
        switch (m) {
            case ServerMessage.Welcome w -> peers.clear();
            case ServerMessage.VoiceJoin j -> peers.add(j.peerId());
            case ServerMessage.VoiceLeave l -> peers.remove(l.peerId());
            default -> {
            }
        }
    }

    Set<String> peers() {
        return Set.copyOf(peers);
    }
}

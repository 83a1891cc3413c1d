package io.skyscope.server.cluster;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ServerMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The voice set a client believes it has, from what it was told: a welcome clears it, joins add, leaves remove. */
final class VoiceSetView {
    private final Set<String> peers = ConcurrentHashMap.newKeySet();

    VoiceSetView(Connection connection) {
        connection.onMessage(m -> {
            switch (m) {
                case ServerMessage.Welcome w -> peers.clear();
                case ServerMessage.VoiceJoin j -> peers.add(j.peerId());
                case ServerMessage.VoiceLeave l -> peers.remove(l.peerId());
                default -> {
                }
            }
        });
    }

    Set<String> peers() {
        return Set.copyOf(peers);
    }
}

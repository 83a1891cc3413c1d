package io.skyscope.server.world;

import io.skyscope.protocol.Status;
import io.skyscope.server.world.map.TiledMap;

/** What a space's owner is asked to do. Created on session threads, run on the owner's thread. */
public sealed interface SpaceCommand {
    record Join(JoinRequest request) implements SpaceCommand {
    }

    record Leave(String userId, String sessionId, String ref) implements SpaceCommand {
    }

    record Move(String userId, double x, double y, long seq, long receivedNanos) implements SpaceCommand {
    }

    record SetStatus(String userId, Status status, String text, String ref) implements SpaceCommand {
    }

    record Profile(String userId, String displayName, String avatar) implements SpaceCommand {
    }

    /** A query run on the owner's thread; see {@link SpaceOwner#ask}. */
    record Ask<T>(java.util.function.Function<SpaceState, T> query,
                  java.util.concurrent.CompletableFuture<T> result) implements SpaceCommand {
        void run(SpaceState state) {
            try {
                result.complete(query.apply(state));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    record ReplaceMap(TiledMap map, io.skyscope.protocol.ServerMessage.SpaceInfo info) implements SpaceCommand {
    }
}

package io.skyscope.server.chat;

import io.skyscope.server.http.ApiException;
import io.skyscope.server.world.SpaceOwner;
import io.skyscope.server.world.SpaceOwners;
import io.skyscope.server.world.SpaceState;
import io.skyscope.server.world.map.AreaKind;
import io.skyscope.server.world.map.MapArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Who is in a space right now, asked of the space's owner on its own thread
 * ({@link SpaceOwner#ask}), so the answer uses the same positions and spatial index as presence.
 *
 * <p>Nearby: someone standing in a closed room (a meeting room or a silent zone) reaches everyone
 * in that room and nobody outside it; anyone else reaches the people within the space's hearing
 * radius who are not inside such a room. The hearing radius is voice's join radius in that space
 * ({@link io.skyscope.server.world.proximity.VoiceSettings#joinRadius}), uncapped: everyone within
 * it, not only the nearest few voice connects. The sender is always included.
 *
 * <p>Thread-safe; called on session threads, blocks until the owner answers (bounded).
 */
public final class ChatRecipients {
    private static final long ASK_TIMEOUT_MS = 5_000;

    private final SpaceOwners owners;

    public ChatRecipients(SpaceOwners owners) {
        this.owners = owners;
    }

    /** Everyone present in the space. */
    List<String> present(String spaceId) {
        return ask(spaceId, SpaceState::userIds).orElse(List.of());
    }

    /** Who hears the user in the space right now, the user included. */
    List<String> nearby(String spaceId, String userId) {
        return ask(spaceId, state -> nearby(state, userId, state.voiceSettings().joinRadius())).orElse(List.of(userId));
    }

    static List<String> nearby(SpaceState state, String userId, double radius) {
        Optional<MapArea> room = state.areaOf(userId).filter(ChatRecipients::closed);
        List<String> result = new ArrayList<>();
        result.add(userId);
        if (room.isPresent()) {
            state.inArea(room.get()).stream().filter(id -> !id.equals(userId)).forEach(result::add);
        } else {
            for (String id : state.within(userId, radius)) {
                if (state.areaOf(id).filter(ChatRecipients::closed).isEmpty()) {
                    result.add(id);
                }
            }
        }
        return result;
    }

    private static boolean closed(MapArea area) {
        return area.kind() == AreaKind.MEETING_ROOM || area.kind() == AreaKind.SILENT_ZONE;
    }

    private <T> Optional<T> ask(String spaceId, Function<SpaceState, T> query) {
        SpaceOwner owner = owners.running(spaceId);
        if (owner == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(owner.ask(query).get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        } catch (ExecutionException e) {
            // The owner stopped between the lookup and the question: nobody is there.
            return Optional.empty();
        } catch (TimeoutException e) {
            throw ApiException.unavailable("space " + spaceId + " is busy; try again");
        }
    }
}

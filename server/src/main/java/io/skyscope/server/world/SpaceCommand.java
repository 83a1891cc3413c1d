package io.skyscope.server.world;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.Status;
import java.util.List;

/** What a space's owner is asked to do. Created on session threads, run on the owner's thread. */
public sealed interface SpaceCommand {
    record Join(JoinRequest request) implements SpaceCommand {
    }

    /** A join only if the user is not present (a node telling the owner who it serves). */
    record Rejoin(JoinRequest request) implements SpaceCommand {
    }

    /** Everyone present gets a welcome again (what they were sent may have been lost). */
    record WelcomeAgain() implements SpaceCommand {
    }

    record Leave(String userId, String sessionId, String ref) implements SpaceCommand {
    }

    record Move(String userId, double x, double y, long seq, long receivedNanos) implements SpaceCommand {
    }

    record SetStatus(String userId, Status status, String text, String ref) implements SpaceCommand {
    }

    record Profile(String userId, String displayName, String avatar, String photo) implements SpaceCommand {
        /** A change of someone without a profile photo. */
        public Profile(String userId, String displayName, String avatar) {
            this(userId, displayName, avatar, null);
        }
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

    /** A WebRTC payload for {@code to}, relayed only if the two are in each other's voice set. */
    record Signal(String from, String to, com.fasterxml.jackson.databind.JsonNode payload, String ref)
            implements SpaceCommand {
    }

    /** Mute, speaking, camera and screen flags, for the indicators of people near {@code userId}. */
    record VoiceState(String userId, boolean muted, boolean speaking,
                      // Left out by a node from before video (commands travel between nodes): false.
                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean camera,
                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean screen) implements SpaceCommand {
    }

    /** {@code userId}'s client makes warm links ({@code on}) or stops; either way theirs start afresh. */
    record WarmLinks(String userId, boolean on, String ref) implements SpaceCommand {
    }

    /** Grants or revokes the stage speaker role (the sender's right to do so was checked). */
    record StageSpeaker(String actorId, String userId, boolean speaker, String ref) implements SpaceCommand {
    }

    /** {@code userId} raises or lowers their hand in a stage's audience. */
    record StageHand(String userId, boolean raised, String ref) implements SpaceCommand {
    }

    /** An owner or admin watches the raised hands (the sender's right to was checked). */
    record WatchHands(String userId, String ref) implements SpaceCommand {
    }

    /**
     * {@code actorId} turns the megaphone on or off; {@code manager}: they are an owner or admin of
     * the space (checked against the store by the sender's node; needed to turn it on).
     */
    record Megaphone(String actorId, boolean on, boolean manager, String ref) implements SpaceCommand {
    }

    /**
     * An etiquette command (lock, knock, wave, reaction) of {@code userId}; {@code manager}: they
     * are an owner or admin of the space (checked against the store by the sender's node).
     */
    record Etiquette(String userId, boolean manager, io.skyscope.protocol.EtiquetteCommand command)
            implements SpaceCommand {
    }

    /**
     * {@code userId}'s video for the mixed meeting room whose media room is {@code room}: an offer
     * of their camera and screen ({@link MediaVideoAction#PUBLISH}, {@code sdp}), their answer to
     * the SFU's offer ({@link MediaVideoAction#ANSWER}), or the end of their publishing.
     */
    record MediaVideo(String userId, MediaVideoAction action, long room, String sdp, List<String> kinds, String ref)
            implements SpaceCommand {
    }

    /** What a {@link MediaVideo} asks. */
    enum MediaVideoAction { PUBLISH, UNPUBLISH, ANSWER }

    /** The space's voice settings were changed. */
    record VoiceSettingsChanged(io.skyscope.server.world.proximity.VoiceSettings settings) implements SpaceCommand {
    }
}

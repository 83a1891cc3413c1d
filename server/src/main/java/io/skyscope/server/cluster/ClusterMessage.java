package io.skyscope.server.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.protocol.Json;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceCommand;
import java.util.List;

/**
 * What nodes say to each other over the bus: on a space's topic to its owner (commands, rosters,
 * questions), on a node's topic to that node (answers). JSON with a {@code t} type property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClusterMessage.Command.class, name = "command"),
        @JsonSubTypes.Type(value = ClusterMessage.Roster.class, name = "roster"),
        @JsonSubTypes.Type(value = ClusterMessage.Reload.class, name = "reload"),
        @JsonSubTypes.Type(value = ClusterMessage.Query.class, name = "query"),
        @JsonSubTypes.Type(value = ClusterMessage.Answer.class, name = "answer")})
sealed interface ClusterMessage {

    /** A command from a session on {@code node} for the owner. */
    record Command(String node, SpaceCommand command) implements ClusterMessage {
    }

    /** Everyone {@code node} serves in the space, as they joined; sent every second. */
    record Roster(String node, List<JoinRequest> members) implements ClusterMessage {
    }

    /** The space's map or voice settings changed in the store: the owner loads them again. */
    record Reload() implements ClusterMessage {
    }

    /** Who is there; answered on {@code node}'s topic under {@code id}. */
    record Query(String node, String id, PeopleQuery query) implements ClusterMessage {
    }

    record Answer(String id, List<String> people) implements ClusterMessage {
    }

    /** The commands that can travel: the rest hold objects (maps, functions) and become a {@link Reload} or stay local. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = SpaceCommand.Join.class, name = "join"),
            @JsonSubTypes.Type(value = SpaceCommand.Rejoin.class, name = "rejoin"),
            @JsonSubTypes.Type(value = SpaceCommand.Leave.class, name = "leave"),
            @JsonSubTypes.Type(value = SpaceCommand.Move.class, name = "move"),
            @JsonSubTypes.Type(value = SpaceCommand.SetStatus.class, name = "status"),
            @JsonSubTypes.Type(value = SpaceCommand.Profile.class, name = "profile"),
            @JsonSubTypes.Type(value = SpaceCommand.Signal.class, name = "signal"),
            @JsonSubTypes.Type(value = SpaceCommand.VoiceState.class, name = "voice.state"),
            @JsonSubTypes.Type(value = SpaceCommand.StageSpeaker.class, name = "stage.speaker"),
            @JsonSubTypes.Type(value = SpaceCommand.Megaphone.class, name = "megaphone"),
            @JsonSubTypes.Type(value = SpaceCommand.MediaVideo.class, name = "media.video"),
            @JsonSubTypes.Type(value = SpaceCommand.StageHand.class, name = "stage.hand"),
            @JsonSubTypes.Type(value = SpaceCommand.WatchHands.class, name = "stage.hands"),
            @JsonSubTypes.Type(value = SpaceCommand.Etiquette.class, name = "etiquette"),
            @JsonSubTypes.Type(value = SpaceCommand.WarmLinks.class, name = "voice.warmlinks")})
    interface TravellingCommands {
    }

    ObjectMapper MAPPER = Json.strict().copy().addMixIn(SpaceCommand.class, TravellingCommands.class);

    static String encode(ClusterMessage message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    static ClusterMessage decode(String json) {
        try {
            return MAPPER.readValue(json, ClusterMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cluster message: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code command} can travel as it is. */
    static boolean travels(SpaceCommand command) {
        return switch (command) {
            case SpaceCommand.Join _, SpaceCommand.Rejoin _, SpaceCommand.Leave _, SpaceCommand.Move _,
                 SpaceCommand.SetStatus _, SpaceCommand.Profile _, SpaceCommand.Signal _, SpaceCommand.VoiceState _,
                 SpaceCommand.StageSpeaker _, SpaceCommand.Etiquette _, SpaceCommand.Megaphone _,
                 SpaceCommand.MediaVideo _, SpaceCommand.StageHand _, SpaceCommand.WatchHands _, SpaceCommand.WarmLinks _ -> true;
            case SpaceCommand.Ask<?> _, SpaceCommand.ReplaceMap _, SpaceCommand.VoiceSettingsChanged _,
                 SpaceCommand.WelcomeAgain _ -> false;
        };
    }
}

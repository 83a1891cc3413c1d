package io.skyscope.server.cluster;

import io.micrometer.core.instrument.Counter;
import io.skyscope.server.Refused;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.world.SpaceCommand;

/**
 * Sends a session's command to the owner of its space on another node, over the space's topic.
 * Commands that hold objects of this node (a new map, new voice settings) do not travel: the
 * owner is told to load the space again instead. Thread-safe.
 */
final class CommandForwarder {
    private final RedisEventBus bus;
    private final String nodeId;
    private final Counter forwarded;

    CommandForwarder(RedisEventBus bus, ServerMetrics metrics) {
        this.bus = bus;
        this.nodeId = bus.nodeId();
        this.forwarded = metrics.counter("skyscope.cluster.forwarded", "Commands forwarded to a space owned by another node");
    }

    /** Commands whose loss the next roster repairs, so they need not fail while Redis is away. */
    static boolean quiet(SpaceCommand command) {
        return command instanceof SpaceCommand.Move || command instanceof SpaceCommand.Join
                || command instanceof SpaceCommand.Leave || command instanceof SpaceCommand.Profile;
    }

    /** Publishes the command for the space's owner; throws Refused if Redis is away and the command is not quiet. */
    void forward(String spaceId, SpaceCommand command) {
        ClusterMessage message = ClusterMessage.travels(command) ? new ClusterMessage.Command(nodeId, command)
                : switch (command) {
                    case SpaceCommand.ReplaceMap _, SpaceCommand.VoiceSettingsChanged _ -> new ClusterMessage.Reload();
                    default -> throw new IllegalArgumentException(command.getClass().getSimpleName()
                            + " runs only where the space's owner is");
                };
        if (!bus.healthy() && !quiet(command)) {
            throw Refused.unavailable("the owner of space " + spaceId + " cannot be reached right now; try again");
        }
        bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(message));
        forwarded.increment();
    }
}

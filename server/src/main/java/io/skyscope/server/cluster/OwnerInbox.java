package io.skyscope.server.cluster;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceLoader;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other nodes send the owner of a space over the space's topic: commands from their
 * sessions, their rosters, questions of who is where, and word that the space changed in the
 * store. Runs on the bus thread, so nothing here blocks: commands go to the owner's mailbox, a
 * reload runs on a thread of its own.
 */
final class OwnerInbox {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerInbox.class);

    private final RedisEventBus bus;
    private final SpaceLoader loader;
    private final Clock clock;
    private final NodeClocks clocks = new NodeClocks(System::nanoTime);

    OwnerInbox(RedisEventBus bus, SpaceLoader loader, Clock clock) {
        this.bus = bus;
        this.loader = loader;
        this.clock = clock;
    }

    /** A message on the topic of {@code space}, which this node owns. */
    void received(OwnedSpace space, String payload) {
        ClusterMessage message;
        try {
            message = ClusterMessage.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("space {}: {}", space.spaceId, e.getMessage());
            return;
        }
        switch (message) {
            case ClusterMessage.Command(String node, SpaceCommand command) -> {
                if (command instanceof SpaceCommand.Join j) {
                    space.joined(node, j.request());
                }
                // A receive time from another process's clock, translated to this one's.
                space.owner.submit(command instanceof SpaceCommand.Move m ? new SpaceCommand.Move(m.userId(),
                        m.x(), m.y(), m.seq(), clocks.toLocal(node, m.receivedNanos())) : command);
            }
            case ClusterMessage.Roster(String node, List<JoinRequest> people) ->
                    space.roster(node, people, clock.millis());
            case ClusterMessage.Reload _ -> Thread.ofVirtual().name("space-reload").start(() -> reload(space));
            case ClusterMessage.Query(String node, String id, PeopleQuery query) ->
                    space.owner.ask(query::apply).whenComplete((people, failure) -> bus.publish(
                            EventBus.Topics.node(node), ClusterMessage.encode(new ClusterMessage.Answer(id,
                                    people != null ? people : query.nobody()))));
            case ClusterMessage.Answer _ -> LOG.warn("space {}: an answer on a space topic", space.spaceId);
        }
    }

    private void reload(OwnedSpace space) {
        try {
            var loaded = loader.load(space.spaceId);
            space.owner.submit(new SpaceCommand.ReplaceMap(loaded.map(), loaded.info()));
            space.owner.submit(new SpaceCommand.VoiceSettingsChanged(loaded.voice()));
        } catch (RuntimeException e) {
            LOG.warn("space {}: reload failed", space.spaceId, e);
        }
    }
}

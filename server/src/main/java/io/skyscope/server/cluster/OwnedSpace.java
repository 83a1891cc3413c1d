package io.skyscope.server.cluster;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceOwner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A space this node holds the lease of: its local owner, the subscription to the space's topic,
 * and which node serves each person present, kept from joins and rosters, so that the people of
 * a node that stopped sending rosters (it died) or that no longer lists them (their leave was
 * lost while Redis was away) are taken out.
 *
 * <p>Thread-safety: rosters arrive on the bus thread, the sweep runs on the cluster's scheduler:
 * the bookkeeping is synchronized. The owner's own state changes only on the owner's thread.
 */
final class OwnedSpace {
    /** A person listed by no roster of their node this many times in a row has left. */
    static final int MISSES_TO_LEAVE = 2;

    private record Served(String node, String sessionId, int misses) {
    }

    final String spaceId;
    final SpaceOwner owner;
    private final EventBus.Subscription subscription;
    private final Map<String, Served> served = new HashMap<>();
    private final Map<String, Long> lastRoster = new HashMap<>();
    private final long sinceMillis;

    OwnedSpace(String spaceId, SpaceOwner owner, EventBus.Subscription subscription, long sinceMillis) {
        this.spaceId = spaceId;
        this.owner = owner;
        this.subscription = subscription;
        this.sinceMillis = sinceMillis;
    }

    synchronized void joined(String node, JoinRequest request) {
        served.put(request.userId(), new Served(node, request.sessionId(), 0));
    }

    /** {@code node} serves exactly {@code members} here: joins the missing, removes the long unlisted. */
    synchronized void roster(String node, List<JoinRequest> members, long nowMillis) {
        lastRoster.put(node, nowMillis);
        Set<String> listed = new HashSet<>();
        for (JoinRequest member : members) {
            listed.add(member.userId());
            Served before = served.get(member.userId());
            if (before == null || !before.node().equals(node) || before.misses() > 0) {
                served.put(member.userId(), new Served(node, member.sessionId(), 0));
            }
            owner.submit(new SpaceCommand.Rejoin(member));
        }
        for (var entry : new ArrayList<>(served.entrySet())) {
            Served s = entry.getValue();
            if (s.node().equals(node) && !listed.contains(entry.getKey())) {
                if (s.misses() + 1 >= MISSES_TO_LEAVE) {
                    leave(entry.getKey(), s);
                } else {
                    served.put(entry.getKey(), new Served(node, s.sessionId(), s.misses() + 1));
                }
            }
        }
    }

    /**
     * Takes out the people of nodes whose last roster is older than {@code silentMillis}, counting
     * from when this node took over or the bus last connected, whichever came later.
     */
    synchronized void sweep(long nowMillis, long connectedMillis, long silentMillis) {
        long since = Math.max(sinceMillis, connectedMillis);
        for (var entry : new ArrayList<>(served.entrySet())) {
            long last = Math.max(since, lastRoster.getOrDefault(entry.getValue().node(), since));
            if (nowMillis - last > silentMillis) {
                leave(entry.getKey(), entry.getValue());
            }
        }
    }

    private void leave(String userId, Served s) {
        served.remove(userId);
        owner.submit(new SpaceCommand.Leave(userId, s.sessionId(), null));
    }

    void close() {
        subscription.close();
        owner.close();
    }
}

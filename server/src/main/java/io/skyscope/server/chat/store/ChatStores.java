package io.skyscope.server.chat.store;

import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.MongoStore;

/**
 * The chat collections, opened together (which creates their indexes). Thread-safe: each is.
 */
public record ChatStores(ChatMessages messages, ChatCounters counters, Sequences sequences, NearbyInboxes inboxes,
                         ReadMarkers markers, Conversations conversations, Notifications notifications,
                         Sanctions sanctions, Reports reports, ChatSettingsStore settings, MessageWriter writer) {

    public static ChatStores open(MongoStore store) {
        var counters = new ChatCounters(store);
        var messages = new ChatMessages(store);
        var inboxes = new NearbyInboxes(store);
        return new ChatStores(messages, counters, new Sequences(counters, messages, inboxes, store.embedded()),
                inboxes, new ReadMarkers(store), new Conversations(store), new Notifications(store),
                new Sanctions(store), new Reports(store, counters), new ChatSettingsStore(store),
                new MessageWriter(messages, store.embedded()));
    }

    /**
     * Lets the stores that keep writes in memory between flushes write them with each flush; the
     * messages first, since settling them moves counters and read markers.
     */
    public void attach(GroupCommit commit) {
        writer.attach(commit);
        sequences.attach(commit);
        markers.attach(commit);
    }
}

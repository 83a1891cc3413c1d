/**
 * Chat storage: one class per MongoDB collection ({@code ChatMessages}, {@code ChatCounters},
 * {@code NearbyInboxes}, {@code ReadMarkers}, {@code Conversations}, {@code Notifications},
 * {@code Sanctions}, {@code Reports}, {@code ChatSettingsStore}), opened together as
 * {@code ChatStores}, with the sequence numbering they share ({@code ChatKeys}, {@code Sequences},
 * {@code SeqPages}). No rules live here: who may read or post, and what a send does, are decided in
 * {@code io.skyscope.server.chat}, which is the only user of these classes.
 */
package io.skyscope.server.chat.store;

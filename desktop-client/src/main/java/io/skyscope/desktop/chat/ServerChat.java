package io.skyscope.desktop.chat;

import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Session;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.MessagePage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat model over the server's chat: the space and nearby channels and my direct
 * conversations, history pages over REST, live messages, edits, deletions, typing and unread
 * counts over the WebSocket. A message is shown at once as "sending…" and confirmed by the server's
 * ack; it goes through the session's reliable path, resent after every reconnect until the server
 * acknowledges it, and its client message id makes the resend safe. After every rejoin the newest page of each channel is fetched again, so nothing
 * said meanwhile is missed.
 *
 * <p>Threads: server events arrive on the connection's receive thread and REST answers on
 * background threads; both are handed to the FX thread, where all state lives.
 */
public final class ServerChat implements ChatModel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerChat.class);
    private static final int PAGE = 50;
    private static final long TYPING_EVERY_MS = 3000;

    private final Session link;
    private final ChatApi api;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ObservableList<ChatChannel> channels = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ChatChannel> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChatLine> lastMention = new ReadOnlyObjectWrapper<>();
    private final Map<String, ChatChannel> byId = new HashMap<>();
    private final Map<String, ChatLine> linesById = new HashMap<>();
    private final Map<String, String> olderFrom = new HashMap<>();
    private final Map<String, Long> lastTyping = new HashMap<>();
    /** Conversations new to me being read because a message came in them (see channelFor). */
    private final java.util.Set<String> describing = new java.util.HashSet<>();
    private final Conversations conversations;
    private volatile boolean closed;

    public ServerChat(Session link, Executor background, Executor fx) {
        this.link = link;
        this.api = new ChatApi(link.api());
        this.conversations = new Conversations(link);
        this.background = background;
        this.fx = fx;
        channels.addAll(channel("space", ChatChannel.Kind.SPACE, "Space"),
                channel("nearby", ChatChannel.Kind.NEARBY, "Nearby"));
        selected.set(channels.getFirst());
        link.onMessage(m -> {
            if (!closed && (m instanceof ChatEvent || m instanceof ServerMessage.Welcome)) {
                fx.execute(() -> received(m));
            }
        });
    }

    private ChatChannel channel(String id, ChatChannel.Kind kind, String title) {
        ChatChannel c = new ChatChannel(id, kind, title);
        byId.put(id, c);
        return c;
    }

    private String me() {
        return link.userId();
    }

    private void received(ServerMessage m) {
        switch (m) {
            case ServerMessage.Welcome w -> refreshAll();
            case ChatEvent.Message msg -> {
                ChatChannel c = channelFor(msg.message());
                if (c == null) {
                    return; // a conversation new to me: shown with this message once the server describes it
                }
                ChatLines.merge(c, List.of(msg.message()), me(), linesById);
                if (c == selected.get()) {
                    markRead(c);
                } else if (!msg.message().senderId().equals(me())) {
                    // the server counts unread only on entering and on chat.read; count live ones here
                    c.unreadProperty().set(c.unreadProperty().get() + 1);
                }
            }
            case ChatEvent.Updated u -> ChatLines.merge(channelFor(u.message()), List.of(u.message()), me(), linesById);
            case ChatEvent.Ack a -> confirmed(a);
            case ChatEvent.Typing t -> typingShown(t);
            case ChatEvent.Reactions r -> reactionsChanged(r);
            case ChatEvent.Unread u -> {
                ChatChannel c = byId.get(u.channel());
                if (c != null && c != selected.get()) {
                    c.unreadProperty().set((int) Math.min(Integer.MAX_VALUE, u.count()));
                }
            }
            case ChatEvent.Notification n when "mention".equals(n.kind()) -> {
                ChatLine line = linesById.get(n.messageId());
                lastMention.set(line != null ? line : new ChatLine(n.messageId(), n.fromUserId(), n.fromName(),
                        n.preview(), n.createdAt(), false, false, null, null, false, true, false));
            }
            case ChatEvent.Notification n when "invite".equals(n.kind()) -> discover(n.channel());
            default -> { }
        }
    }

    /**
     * The channel of a message; null for a conversation I have no tab for yet (someone else opened
     * it with me): the conversation is read, and its tab made with its newest messages, this one
     * among them.
     */
    private ChatChannel channelFor(ChatMessage m) {
        ChatChannel c = byId.get(m.channel());
        if (c == null) {
            discover(m.channel());
        }
        return c;
    }

    /** Reads a conversation I have no tab for (I was added to it) and makes its tab. */
    private void discover(String channel) {
        if (channel == null || !channel.startsWith("conv:") || byId.containsKey(channel) || !describing.add(channel)) {
            return;
        }
        String convId = channel.substring("conv:".length());
        call(() -> {
            try {
                return conversations.described(api.conversation(link.tokens().accessToken(), convId));
            } finally {
                fx.execute(() -> describing.remove(channel)); // a failure lets the next message try again
            }
        }, d -> {
            ChatChannel made = show(d);
            if (made != selected.get()) {
                made.unreadProperty().set((int) Math.min(Integer.MAX_VALUE, d.view().unread()));
            }
        });
    }

    /** The tab of a conversation, made (with its newest page) if new, its members brought up to date. */
    private ChatChannel show(Conversations.Described d) {
        String id = "conv:" + d.view().id();
        ChatChannel c = byId.get(id);
        if (c == null) {
            c = channel(id, d.kind(), d.title());
            channels.add(c);
            loadNewest(c);
        }
        if (!c.members().equals(d.memberNames())) {
            c.members().setAll(d.memberNames());
        }
        return c;
    }

    /** Loads the newest page of every channel and my conversations (on entering and after a rejoin). */
    private void refreshAll() {
        String spaceId = link.spaceId();
        call(() -> api.conversations(link.tokens().accessToken(), spaceId).conversations().stream()
                .map(conversations::described).toList(), list -> {
            for (Conversations.Described d : list) {
                if (!byId.containsKey("conv:" + d.view().id())) {
                    channels.add(channel("conv:" + d.view().id(), d.kind(), d.title()));
                }
                show(d); // its members
            }
            channels.forEach(this::loadNewest);
        });
    }

    private void loadNewest(ChatChannel c) {
        page(c, null);
    }

    private void page(ChatChannel c, String before) {
        call(() -> fetch(c, before), page -> {
            ChatLines.merge(c, page.messages().reversed(), me(), linesById);
            if (before == null && olderFrom.containsKey(c.id())) {
                return; // a refresh: keep the older position we already paged back to
            }
            olderFrom.put(c.id(), page.nextBefore());
            c.hasOlderProperty().set(page.nextBefore() != null);
        });
    }

    private MessagePage fetch(ChatChannel c, String before) {
        String token = link.tokens().accessToken();
        return c.id().startsWith("conv:")
                ? api.conversationMessages(token, c.id().substring("conv:".length()), before, PAGE)
                : api.spaceMessages(token, link.spaceId(), c.id(), before, PAGE);
    }

    private void confirmed(ChatEvent.Ack a) {
        ChatChannel c = byId.get(a.channel());
        if (c == null) {
            return;
        }
        int at = ChatLines.indexOf(c.lines(), "pending:" + a.clientMessageId());
        if (at >= 0) {
            ChatLine p = c.lines().remove(at);
            ChatLines.merge(c, List.of(new ChatMessage(a.messageId(), link.spaceId(), a.channel(), me(), p.authorName(),
                    p.text(), a.sentAt(), p.replyTo(), List.of(), null, false)), me(), linesById);
        }
    }

    /** The server's whole set of reactions on a message replaces the one shown. */
    private void reactionsChanged(ChatEvent.Reactions r) {
        ChatChannel c = byId.get(r.channel());
        int at = c == null ? -1 : ChatLines.indexOf(c.lines(), r.messageId());
        if (at >= 0) {
            ChatLine updated = c.lines().get(at).withReactions(r.reactions());
            c.lines().set(at, updated);
            linesById.put(updated.id(), updated);
        }
    }

    private void typingShown(ChatEvent.Typing t) {
        ChatChannel c = byId.get(t.channel());
        if (c == null || t.userId().equals(me())) {
            return;
        }
        c.typingProperty().set(t.displayName() + " is typing…");
        PauseTransition clear = new PauseTransition(Duration.seconds(4));
        clear.setOnFinished(e -> {
            if (c.typingProperty().get().startsWith(t.displayName() + " ")) {
                c.typingProperty().set("");
            }
        });
        clear.play();
    }

    private void markRead(ChatChannel c) {
        c.unreadProperty().set(0);
        for (int i = c.lines().size() - 1; i >= 0; i--) {
            ChatLine l = c.lines().get(i);
            if (!l.pending()) {
                link.sendOrQueue(new ChatCommand.Read(c.id(), l.id(), null));
                return;
            }
        }
    }

    /**
     * Runs a REST request in the background and its follow-up on the FX thread; failures are logged.
     * Nothing runs once the chat is closed: the space was left (a follow-up may still be queued, and
     * when the app quits the background executor is shut down).
     */
    private <T> void call(Supplier<T> request, java.util.function.Consumer<T> then) {
        if (closed) {
            return;
        }
        background.execute(() -> {
            try {
                T result = request.get();
                fx.execute(() -> {
                    if (!closed) {
                        then.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                boolean noChat = e instanceof ApiError api && api.status() == 404 && byId.size() <= 2;
                LOG.info("chat request failed: {}", e.toString());
                if (noChat) {
                    fx.execute(() -> {
                        available.set(false);
                        reason.set("Chat is not available on this server.");
                    });
                }
            }
        });
    }

    // ---- ChatModel ----

    @Override
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty unavailableReasonProperty() {
        return reason.getReadOnlyProperty();
    }

    @Override
    public ObservableList<ChatChannel> channels() {
        return channels;
    }

    @Override
    public ReadOnlyObjectProperty<ChatChannel> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<ChatLine> lastMentionProperty() {
        return lastMention.getReadOnlyProperty();
    }

    @Override
    public void select(ChatChannel channel) {
        selected.set(channel);
        markRead(channel);
    }

    @Override
    public void send(ChatChannel channel, ChatLine replyTo) {
        String text = channel.draftProperty().get() == null ? "" : channel.draftProperty().get().strip();
        if (text.isEmpty()) {
            return;
        }
        String clientId = "m-" + UUID.randomUUID().toString().replace("-", "");
        Person self = link.snapshot().self();
        String name = self == null ? link.tokens().username() : self.displayName();
        String replyId = replyTo == null || replyTo.pending() ? null : replyTo.id();
        channel.lines().add(new ChatLine("pending:" + clientId, me(), name, text, Instant.now(), false, false, replyId,
                replyTo == null ? null : replyTo.authorName() + ": " + ChatPanel.abbreviate(replyTo.text()),
                true, false, true));
        channel.draftProperty().set("");
        link.sendReliably(clientId, new ChatCommand.Send(channel.id(), text, clientId, replyId, link.nextRef("chat")));
    }

    @Override
    public void edit(ChatChannel channel, ChatLine line, String newText) {
        if (!line.pending()) {
            link.sendOrQueue(new ChatCommand.Edit(line.id(), newText.strip(), link.nextRef("edit")));
            replace(channel, line, new ChatLine(line.id(), line.authorId(), line.authorName(), newText.strip(),
                    line.sentAt(), true, false, line.replyTo(), line.replySnippet(), line.mine(), line.mentionsMe(), false));
        }
    }

    @Override
    public void delete(ChatChannel channel, ChatLine line) {
        if (!line.pending()) {
            link.sendOrQueue(new ChatCommand.Delete(line.id(), link.nextRef("delete")));
            replace(channel, line, new ChatLine(line.id(), line.authorId(), line.authorName(), "", line.sentAt(),
                    line.edited(), true, line.replyTo(), line.replySnippet(), line.mine(), line.mentionsMe(), false));
        }
    }

    /** Shows my edit or deletion at once; the server's chat.updated confirms it. */
    private void replace(ChatChannel channel, ChatLine old, ChatLine updated) {
        int at = ChatLines.indexOf(channel.lines(), old.id());
        if (at >= 0) {
            channel.lines().set(at, updated);
            linesById.put(updated.id(), updated);
        }
    }

    @Override
    public void loadOlder(ChatChannel channel) {
        String before = olderFrom.get(channel.id());
        if (before != null) {
            page(channel, before);
        }
    }

    @Override
    public void typing(ChatChannel channel) {
        long now = System.currentTimeMillis();
        if (now - lastTyping.getOrDefault(channel.id(), 0L) >= TYPING_EVERY_MS && link.link().isOnline()) {
            lastTyping.put(channel.id(), now);
            link.send(new ChatCommand.Typing(channel.id(), null));
        }
    }

    @Override
    public void react(ChatLine line, String emoji) {
        if (line.pending() || line.deleted()) {
            return;
        }
        link.etiquette().reactToMessage(line.id(), emoji, reacted(line, emoji));
    }

    @Override
    public boolean reacted(ChatLine line, String emoji) {
        return line.reactions().stream().anyMatch(r -> r.emoji().equals(emoji) && r.userIds().contains(me()));
    }

    @Override
    public String nameOf(String userId) {
        Person p = link.snapshot().person(userId);
        if (p != null) {
            return p.displayName();
        }
        return linesById.values().stream().filter(l -> l.authorId().equals(userId)).map(ChatLine::authorName)
                .findFirst().orElse("someone not here");
    }

    @Override
    public ChatChannel openDirect(String userId, String displayName) {
        call(() -> api.openConversation(link.tokens().accessToken(), link.spaceId(), List.of(userId), null), v -> {
            ChatChannel c = byId.get("conv:" + v.id());
            if (c == null) {
                c = channel("conv:" + v.id(), ChatChannel.Kind.DIRECT, displayName);
                channels.add(c);
                loadNewest(c);
            }
            select(c);
        });
        return null;
    }

    @Override
    public List<Person> others() {
        var w = link.snapshot();
        return w.people().values().stream().filter(p -> !p.userId().equals(w.me()))
                .sorted(java.util.Comparator.comparing(p -> p.displayName().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    @Override
    public void createGroup(List<String> userIds, String title) {
        String named = title == null || title.isBlank() ? null : title.strip();
        call(() -> conversations.described(api.openConversation(link.tokens().accessToken(), link.spaceId(),
                List.copyOf(userIds), named)), d -> select(show(d)));
    }

    @Override
    public void close() {
        closed = true;
    }
}

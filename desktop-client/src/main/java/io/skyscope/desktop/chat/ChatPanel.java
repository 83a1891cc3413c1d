package io.skyscope.desktop.chat;

import atlantafx.base.theme.Styles;
import io.skyscope.desktop.people.PhotoNode;
import io.skyscope.desktop.people.Photos;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The chat panel: one tab per channel with an unread badge, the history (with "load older" to
 * scroll back, and the authors' photos), who is typing, a reply bar, and the composer bound to the
 * channel's draft; a group's tab lists its members, and "New group" starts one. When the model is
 * not available it shows the reason and nothing else.
 */
public final class ChatPanel extends StackPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final ChatModel model;
    private final TabPane tabs = new TabPane();
    private final Map<ChatChannel, Tab> tabOf = new HashMap<>();
    private final List<ListView<ChatLine>> lists = new ArrayList<>();
    private Photos photos;
    private Consumer<String> openCard = id -> { };

    public ChatPanel(ChatModel model) {
        this.model = model;
        setId("chat-panel");
        getStyleClass().add("chat-panel");
        Label unavailable = new Label();
        unavailable.setId("chat-unavailable");
        unavailable.textProperty().bind(model.unavailableReasonProperty());
        unavailable.getStyleClass().addAll(Styles.TEXT_MUTED);
        unavailable.setWrapText(true);
        Label head = new Label("Chat");
        head.getStyleClass().add(Styles.TITLE_4);
        VBox off = new VBox(8, head, unavailable);
        off.setPadding(new Insets(10));
        off.visibleProperty().bind(model.availableProperty().not());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        GroupComposer composer = new GroupComposer(model);
        Button newGroup = new Button("New group");
        newGroup.setId("new-group");
        newGroup.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        newGroup.setOnAction(e -> composer.open());
        HBox bar = new HBox(newGroup);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(4, 6, 0, 6));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox chat = new VBox(bar, tabs);
        chat.visibleProperty().bind(model.availableProperty());
        getChildren().addAll(off, chat, composer);

        model.channels().forEach(this::addTab);
        model.channels().addListener((ListChangeListener<ChatChannel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::addTab);
                c.getRemoved().forEach(ch -> tabs.getTabs().remove(tabOf.remove(ch)));
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, tab) -> {
            if (tab != null && tab.getUserData() instanceof ChatChannel ch) {
                model.select(ch);
            }
        });
        model.selectedProperty().addListener((obs, was, ch) -> {
            Tab t = tabOf.get(ch);
            if (t != null) {
                tabs.getSelectionModel().select(t);
            }
        });
    }

    private void addTab(ChatChannel channel) {
        Label badge = new Label();
        badge.getStyleClass().addAll("unread-badge", Styles.TEXT_SMALL);
        badge.textProperty().bind(channel.unreadProperty().asString());
        badge.visibleProperty().bind(channel.unreadProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        Tab tab = new Tab(channel.title(), content(channel));
        tab.setId("chat-tab-" + nodeId(channel));
        tab.setGraphic(badge);
        tab.setUserData(channel);
        tabOf.put(channel, tab);
        tabs.getTabs().add(tab);
    }

    /**
     * Shows people's photos beside their messages, and opens someone's profile card when their name
     * or photo is clicked.
     */
    public void showPeople(Photos photos, Consumer<String> openCard) {
        this.photos = photos;
        this.openCard = openCard;
        photos.revisionProperty().addListener((obs, was, is) -> lists.forEach(ListView::refresh));
        lists.forEach(ListView::refresh);
    }

    private VBox content(ChatChannel channel) {
        ListView<ChatLine> list = new ListView<>(channel.lines());
        list.setId("chat-lines-" + nodeId(channel));
        list.setCellFactory(v -> new LineCell(channel));
        list.setPlaceholder(new Label("No messages yet. Say hello!"));
        VBox.setVgrow(list, Priority.ALWAYS);
        channel.lines().addListener((ListChangeListener<ChatLine>) c -> {
            // follow new messages at the bottom, but not when older ones are loaded at the top
            while (c.next()) {
                if (c.wasAdded() && c.getTo() == channel.lines().size()) {
                    list.scrollTo(channel.lines().size() - 1);
                }
            }
        });
        Button older = new Button("Load older messages");
        older.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        older.visibleProperty().bind(channel.hasOlderProperty());
        older.managedProperty().bind(older.visibleProperty());
        older.setOnAction(e -> model.loadOlder(channel));

        Label typing = new Label();
        typing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        typing.textProperty().bind(channel.typingProperty());

        Label replying = new Label();
        replying.getStyleClass().addAll(Styles.TEXT_SMALL);
        Button cancelReply = new Button("\u2715");
        cancelReply.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        HBox replyBar = new HBox(6, replying, cancelReply);
        replyBar.setAlignment(Pos.CENTER_LEFT);
        replyBar.setVisible(false);
        replyBar.managedProperty().bind(replyBar.visibleProperty());
        cancelReply.setOnAction(e -> {
            replyBar.setUserData(null);
            replyBar.setVisible(false);
        });
        list.setUserData(replyBar);

        TextArea input = new TextArea();
        input.setId("chat-input-" + nodeId(channel));
        input.setPromptText("Message " + channel.title() + " — Enter sends, Shift+Enter for a new line, @name mentions");
        input.setPrefRowCount(2);
        input.setWrapText(true);
        input.textProperty().bindBidirectional(channel.draftProperty());
        input.textProperty().addListener((obs, was, is) -> {
            if (is != null && !is.isEmpty()) {
                model.typing(channel);
            }
        });
        Button send = new Button("Send");
        send.setId("chat-send-" + nodeId(channel));
        send.getStyleClass().add(Styles.ACCENT);
        send.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable doSend = () -> {
            if (channel.draftProperty().get() == null || channel.draftProperty().get().isBlank()) {
                return;
            }
            model.send(channel, (ChatLine) replyBar.getUserData());
            replyBar.setUserData(null);
            replyBar.setVisible(false);
        };
        send.setOnAction(e -> doSend.run());
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                doSend.run();
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox composer = new HBox(6, input, send);
        composer.setAlignment(Pos.BOTTOM_RIGHT);
        VBox box = new VBox(6, older, list, typing, replyBar, composer);
        lists.add(list);
        if (channel.kind() == ChatChannel.Kind.GROUP) {
            Label members = new Label();
            members.setId("chat-members-" + nodeId(channel));
            members.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            members.setWrapText(true);
            members.textProperty().bind(Bindings.createStringBinding(() -> channel.members().isEmpty() ? ""
                    : "Members: " + String.join(", ", channel.members()), channel.members()));
            box.getChildren().addFirst(members);
        }
        box.setPadding(new Insets(6));
        return box;
    }

    private final class LineCell extends ListCell<ChatLine> {
        private final ChatChannel channel;

        LineCell(ChatChannel channel) {
            this.channel = channel;
        }

        @Override
        protected void updateItem(ChatLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().remove("mention");
            if (empty || line == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                return;
            }
            Label author = new Label(line.authorName());
            author.getStyleClass().add(Styles.TEXT_BOLD);
            Label time = new Label(TIME.format(line.sentAt()) + (line.edited() ? " · edited" : "")
                    + (line.pending() ? " · sending…" : ""));
            time.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            HBox head = new HBox(6, author, time);
            head.setAlignment(Pos.BASELINE_LEFT);
            PhotoNode face = null;
            if (photos != null) {
                face = new PhotoNode(24).show(photos.photo(line.authorId(), Photos.MEDIUM), line.authorName());
                face.setId("chat-photo-" + line.id().replaceAll("[^A-Za-z0-9_-]", "-"));
                for (var opens : new javafx.scene.Node[] {face, author}) {
                    opens.setCursor(javafx.scene.Cursor.HAND);
                    opens.setOnMouseClicked(e -> openCard.accept(line.authorId()));
                }
            }
            Label text = new Label(line.deleted() ? "This message was deleted." : line.text());
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            text.prefWidthProperty().bind(getListView().widthProperty().subtract(photos == null ? 40 : 72));
            // without this a wrapped label in a list cell keeps one line and ends in "..."
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (line.deleted()) {
                text.getStyleClass().add(Styles.TEXT_MUTED);
            }
            VBox box = new VBox(2, head);
            if (line.replyTo() != null) {
                Label quote = new Label("\u21AA " + (line.replySnippet() == null ? "" : line.replySnippet()));
                quote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "reply-quote");
                box.getChildren().add(quote);
            }
            box.getChildren().add(text);
            if (!line.reactions().isEmpty() && !line.deleted()) {
                box.getChildren().add(ReactionChips.of(line, model));
            }
            if (line.mentionsMe()) {
                getStyleClass().add("mention");
            }
            setText(null);
            if (face != null) {
                HBox row = new HBox(8, face, box);
                row.setAlignment(Pos.TOP_LEFT);
                setGraphic(row);
            } else {
                setGraphic(box);
            }
            setContextMenu(line.deleted() ? null : menu(line));
        }

        private ContextMenu menu(ChatLine line) {
            MenuItem reply = new MenuItem("Reply");
            reply.setOnAction(e -> {
                HBox bar = (HBox) getListView().getUserData();
                ((Label) bar.getChildren().get(0)).setText("Replying to " + line.authorName() + ": "
                        + abbreviate(line.text()));
                bar.setUserData(line);
                bar.setVisible(true);
            });
            ContextMenu menu = new ContextMenu(reply);
            if (!line.pending()) {
                menu.getItems().add(ReactionChips.menu(line, model));
            }
            if (line.mine()) {
                MenuItem edit = new MenuItem("Edit…");
                edit.setOnAction(e -> {
                    TextInputDialog d = new TextInputDialog(line.text());
                    d.setTitle("Edit message");
                    d.setHeaderText("Change your message");
                    d.initOwner(getScene().getWindow());
                    d.showAndWait().filter(t -> !t.isBlank()).ifPresent(t -> model.edit(channel, line, t));
                });
                MenuItem delete = new MenuItem("Delete");
                delete.setOnAction(e -> model.delete(channel, line));
                menu.getItems().addAll(edit, delete);
            }
            return menu;
        }
    }

    /** The channel's id made safe for a CSS id selector ("conv:x" becomes "conv-x"). */
    public static String nodeId(ChatChannel channel) {
        return channel.id().replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}

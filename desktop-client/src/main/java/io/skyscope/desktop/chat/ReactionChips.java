package io.skyscope.desktop.chat;

import io.skyscope.protocol.ChatReaction;
import io.skyscope.protocol.Reactions;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * Reactions on a chat message: a chip per emoji with its count (who reacted in its tooltip; a
 * click adds mine or takes it back), and the "React" menu of the message's context menu.
 */
final class ReactionChips {
    private ReactionChips() {
    }

    static FlowPane of(ChatLine line, ChatModel model) {
        FlowPane chips = new FlowPane(4, 4);
        chips.setId("reactions-" + line.id());
        for (ChatReaction r : line.reactions()) {
            String glyph = Reactions.glyph(r.emoji());
            if (glyph == null || r.count() <= 0) {
                continue;
            }
            Button chip = new Button(glyph + " " + r.count());
            chip.setId("reaction-" + line.id() + "-" + r.emoji());
            chip.getStyleClass().add("reaction-chip");
            if (model.reacted(line, r.emoji())) {
                chip.getStyleClass().add("mine");
            }
            chip.setTooltip(new Tooltip(who(r, model)));
            chip.setOnAction(e -> model.react(line, r.emoji()));
            chips.getChildren().add(chip);
        }
        return chips;
    }

    /** "Ann, Bob and 3 more reacted with :clap:" — the server lists the first few by name. */
    static String who(ChatReaction r, ChatModel model) {
        String names = r.userIds().stream().map(model::nameOf).collect(Collectors.joining(", "));
        int more = r.count() - r.userIds().size();
        return names + (more > 0 ? " and " + more + " more" : "") + " reacted with " + Reactions.glyph(r.emoji());
    }

    static Menu menu(ChatLine line, ChatModel model) {
        Menu react = new Menu("React");
        Reactions.EMOJI.forEach((code, glyph) -> {
            MenuItem item = new MenuItem(glyph + "  " + code.replace('_', ' ')
                    + (model.reacted(line, code) ? " (take back)" : ""));
            item.setOnAction(e -> model.react(line, code));
            react.getItems().add(item);
        });
        return react;
    }
}

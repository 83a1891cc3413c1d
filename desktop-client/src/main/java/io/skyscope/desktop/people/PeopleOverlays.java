package io.skyscope.desktop.people;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;

/**
 * Puts the Following list (top left), the profile card (top right) and my profile editor (centre)
 * over the office map.
 */
public final class PeopleOverlays {

    private PeopleOverlays() {
    }

    /** @return my profile editor, for settings of other parts of the app */
    public static ProfileEditorView addTo(StackPane map, PeopleModel people) {
        ProfileCardView card = new ProfileCardView(people.card(), people.photos());
        StackPane.setAlignment(card, Pos.TOP_RIGHT);
        StackPane.setMargin(card, new Insets(12));
        ProfileEditorView editor = new ProfileEditorView(people.editor(), people.photos());
        StackPane.setAlignment(editor, Pos.CENTER);
        StackPane.setMargin(editor, new Insets(16));
        FollowingView following = new FollowingView(people.following(), people.photos());
        StackPane.setAlignment(following, Pos.TOP_LEFT);
        StackPane.setMargin(following, new Insets(12));
        map.getChildren().addAll(following, card, editor);
        return editor;
    }
}

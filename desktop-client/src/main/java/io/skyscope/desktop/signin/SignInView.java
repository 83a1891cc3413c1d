package io.skyscope.desktop.signin;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Sign in or create an account, with the server address; Enter submits. */
public final class SignInView extends StackPane {

    public SignInView(SignInModel model) {
        setId("sign-in-view");
        getStyleClass().add("screen-background");
        Label brand = new Label("SkyScope");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("Your office, one walk away.");
        tagline.getStyleClass().add(Styles.TEXT_MUTED);

        TextField server = field("server", "Server address, e.g. http://localhost:8080");
        server.textProperty().bindBidirectional(model.serverProperty());
        TextField username = field("username", "Username");
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField displayName = field("display-name", "Display name (optional)");
        displayName.textProperty().bindBidirectional(model.displayNameProperty());
        TextField invite = field("invite-code", "Invite link or code (if the server asks for one)");
        invite.textProperty().bindBidirectional(model.inviteCodeProperty());
        for (var extra : new javafx.scene.Node[] {displayName, invite}) {
            extra.visibleProperty().bind(model.registeringProperty());
            extra.managedProperty().bind(extra.visibleProperty());
        }

        Label error = new Label();
        error.setId("sign-in-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button submit = new Button();
        submit.setId("sign-in");
        submit.setDefaultButton(true);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.textProperty().bind(Bindings.when(model.registeringProperty()).then("Create account").otherwise("Sign in"));
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> model.submit());

        Hyperlink toggle = new Hyperlink();
        toggle.setId("toggle-register");
        toggle.textProperty().bind(Bindings.when(model.registeringProperty())
                .then("I already have an account").otherwise("New here? Create an account"));
        toggle.setOnAction(e -> model.registeringProperty().set(!model.registeringProperty().get()));

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());

        VBox card = new VBox(10, brand, tagline, label("Server"), server, label("Account"), username, password,
                displayName, invite, error, submit, spinner, toggle);
        card.getStyleClass().add("card");
        card.setPadding(new Insets(28));
        card.setMaxWidth(380);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        card.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(card);
        setPadding(new Insets(24));
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }
}

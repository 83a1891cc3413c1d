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

/**
 * Sign in or create an account, with the server address; Enter submits. "Email me a code" and
 * "Forgot password?" switch to the email forms; "Sign in with (company)" shows when the server has
 * single sign-on. A pasted invite or guest link fills the form in; with a guest link the screen asks
 * only for a name ("Join … as a guest").
 */
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
        spinner.visibleProperty().bind(model.busyProperty().or(model.email().busyProperty()));
        spinner.managedProperty().bind(spinner.visibleProperty());

        Label info = new Label();
        info.setId("sign-in-info");
        info.setWrapText(true);
        info.getStyleClass().add(Styles.SUCCESS);
        info.textProperty().bind(model.infoProperty());
        info.visibleProperty().bind(model.infoProperty().isNotEmpty());
        info.managedProperty().bind(info.visibleProperty());
        EmailSignInView byEmail = new EmailSignInView(model.email());
        Hyperlink code = new Hyperlink("Email me a code");
        code.setId("email-code-link");
        code.setOnAction(e -> model.email().start(EmailSignInModel.Mode.CODE));
        Hyperlink forgot = new Hyperlink("Forgot password?");
        forgot.setId("forgot-password");
        forgot.setOnAction(e -> model.email().start(EmailSignInModel.Mode.RESET));
        javafx.scene.layout.HBox emailLinks = new javafx.scene.layout.HBox(4, code, forgot);
        emailLinks.visibleProperty().bind(model.registeringProperty().not());
        emailLinks.managedProperty().bind(emailLinks.visibleProperty());
        Button sso = new Button();
        sso.setId("sso-sign-in");
        sso.setMaxWidth(Double.MAX_VALUE);
        sso.textProperty().bind(Bindings.concat("Sign in with ", model.ssoProperty()));
        sso.visibleProperty().bind(model.ssoProperty().isNotEmpty());
        sso.managedProperty().bind(sso.visibleProperty());
        sso.disableProperty().bind(model.busyProperty());
        sso.setOnAction(e -> model.signInWithSso());
        server.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.checkOptions(); // another server may offer other ways in
            }
        });
        model.checkOptions();
        var guest = model.guestLinkProperty().isNotEmpty();
        VBox passwordForm = new VBox(10, label("Account"), username, password, displayName, invite, submit, sso,
                emailLinks, toggle, pasteLink(model));
        var byPassword = model.email().modeProperty().isEqualTo(EmailSignInModel.Mode.PASSWORD);
        passwordForm.visibleProperty().bind(byPassword.and(guest.not()));
        passwordForm.managedProperty().bind(passwordForm.visibleProperty());
        byEmail.visibleProperty().bind(byPassword.not().and(guest.not()));
        submit.defaultButtonProperty().bind(passwordForm.visibleProperty()); // Enter submits the form shown
        byEmail.managedProperty().bind(byEmail.visibleProperty());
        VBox guestForm = guestForm(model);
        Label serverLabel = label("Server");
        for (var account : new javafx.scene.Node[] {serverLabel, server}) {
            account.visibleProperty().bind(guest.not()); // a guest link names its server
            account.managedProperty().bind(account.visibleProperty());
        }
        VBox card = new VBox(10, brand, tagline, serverLabel, server, info, error, passwordForm, byEmail, guestForm,
                spinner);
        card.getStyleClass().add("card");
        card.setPadding(new Insets(28));
        card.setMaxWidth(380);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        card.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(card);
        setPadding(new Insets(24));
    }

    /** "Join (server) as a guest": the name others will see, Join, and a way back to signing in. */
    private static VBox guestForm(SignInModel model) {
        Label title = new Label();
        title.setId("guest-title");
        title.setWrapText(true);
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(Bindings.concat("Join ", model.guestPlaceProperty(), " as a guest"));
        Label hint = new Label("No account needed: others see the name you give, marked as a guest, until the "
                + "link ends.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        TextField name = field("guest-name", "Your name, as others will see it");
        name.textProperty().bindBidirectional(model.displayNameProperty());
        Button join = new Button("Join");
        join.setId("guest-join");
        join.setMaxWidth(Double.MAX_VALUE);
        join.getStyleClass().add(Styles.ACCENT);
        join.disableProperty().bind(model.busyProperty());
        join.setOnAction(e -> model.joinAsGuest());
        Hyperlink back = new Hyperlink("Sign in with an account instead");
        back.setId("guest-back");
        back.setOnAction(e -> model.leaveGuestLink());
        VBox form = new VBox(10, title, hint, name, join, back);
        form.setId("guest-form");
        form.visibleProperty().bind(model.guestLinkProperty().isNotEmpty());
        form.managedProperty().bind(form.visibleProperty());
        join.defaultButtonProperty().bind(form.visibleProperty());
        return form;
    }

    /** A box to paste an invite or guest link into; Open hands it to the model. */
    private static VBox pasteLink(SignInModel model) {
        TextField link = field("paste-link", "Paste an invite or guest link");
        Button open = new Button("Open");
        open.setId("open-link");
        open.setOnAction(e -> {
            model.openLink(link.getText());
            if (model.errorProperty().get().isEmpty()) {
                link.clear();
            }
        });
        link.setOnAction(e -> {
            open.fire();
            e.consume(); // Enter here opens the link, not the sign-in form's default button
        });
        javafx.scene.layout.HBox.setHgrow(link, javafx.scene.layout.Priority.ALWAYS);
        return new VBox(6, label("Have a link?"), new javafx.scene.layout.HBox(6, link, open));
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

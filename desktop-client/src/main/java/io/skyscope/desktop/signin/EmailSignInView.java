package io.skyscope.desktop.signin;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The email forms of the sign-in screen: a code to sign in with, or a code to set a new password. */
final class EmailSignInView extends VBox {

    EmailSignInView(EmailSignInModel model) {
        super(10);
        setId("email-sign-in");
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(Bindings.when(model.modeProperty().isEqualTo(EmailSignInModel.Mode.RESET))
                .then("Reset your password").otherwise("Sign in with a code by email"));
        Label note = new Label();
        note.setId("email-note");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(model.noteProperty());

        TextField email = new TextField();
        email.setId("email-address");
        email.setPromptText("Email address of your account");
        email.textProperty().bindBidirectional(model.emailProperty());
        Button send = new Button("Email me a code");
        send.setId("email-send-code");
        send.setMaxWidth(Double.MAX_VALUE);
        send.setOnAction(e -> model.sendCode());
        send.disableProperty().bind(model.busyProperty());
        shownWhen(email, model.emailOnProperty());
        shownWhen(send, model.emailOnProperty());

        TextField code = new TextField();
        code.setId("email-code");
        code.setPromptText("8-digit code");
        code.textProperty().bindBidirectional(model.codeProperty());
        PasswordField newPassword = new PasswordField();
        newPassword.setId("new-password");
        newPassword.setPromptText("New password");
        newPassword.textProperty().bindBidirectional(model.newPasswordProperty());
        Button submit = new Button();
        submit.setId("email-submit");
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.textProperty().bind(Bindings.when(model.modeProperty().isEqualTo(EmailSignInModel.Mode.RESET))
                .then("Set new password").otherwise("Sign in"));
        submit.setOnAction(e -> model.submit());
        submit.disableProperty().bind(model.busyProperty());
        shownWhen(code, model.codeSentProperty());
        shownWhen(submit, model.codeSentProperty());
        newPassword.visibleProperty().bind(model.codeSentProperty()
                .and(model.modeProperty().isEqualTo(EmailSignInModel.Mode.RESET)));
        newPassword.managedProperty().bind(newPassword.visibleProperty());

        Label error = new Label();
        error.setId("email-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        shownWhen(error, model.errorProperty().isNotEmpty());

        Hyperlink back = new Hyperlink("Back to password sign-in");
        back.setId("email-back");
        back.setOnAction(e -> model.back());
        submit.defaultButtonProperty().bind(visibleProperty().and(model.codeSentProperty()));
        getChildren().addAll(title, note, email, send, code, newPassword, error, submit, back);
    }

    private static void shownWhen(javafx.scene.Node node, javafx.beans.value.ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }
}

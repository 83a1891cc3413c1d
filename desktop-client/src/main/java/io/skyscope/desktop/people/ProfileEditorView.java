package io.skyscope.desktop.people;

import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * My profile editor over the map: photo (chosen from a file, previewed, uploaded), display name,
 * pronouns, job title, time zone, bio, and an email address verified by a code; beside its title,
 * a Settings menu where other parts of the app put account settings that apply at once.
 */
public final class ProfileEditorView extends ScrollPane {
    /** Settings of other parts of the app, which take effect at once (not with Save); shown once there is one. */
    private final MenuButton settings = new MenuButton("Settings");

    public ProfileEditorView(ProfileEditorModel model, Photos photos) {
        setId("profile-editor");
        getStyleClass().addAll("card", "profile-editor");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setMaxSize(460, 640);
        setPrefWidth(460);

        Label title = new Label("Your profile");
        title.getStyleClass().add(Styles.TITLE_3);

        PhotoNode photo = new PhotoNode(96);
        Runnable showPhoto = () -> photo.show(model.previewProperty().get(), model.displayNameProperty().get());
        model.previewProperty().addListener((obs, was, is) -> showPhoto.run());
        model.displayNameProperty().addListener((obs, was, is) -> showPhoto.run());
        photos.revisionProperty().addListener((obs, was, is) -> model.showPhoto());
        Button choose = new Button("Choose photo…");
        choose.setId("profile-photo-choose");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a profile photo");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG or JPEG", "*.png", "*.jpg",
                    "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.uploadPhoto(file.toPath());
            }
        });
        Button remove = new Button("Remove");
        remove.setId("profile-photo-remove");
        remove.getStyleClass().add(Styles.FLAT);
        remove.disableProperty().bind(model.previewProperty().isNull());
        remove.setOnAction(e -> model.removePhoto());
        Label photoHint = small("PNG or JPEG up to 4 MB; the middle square is kept.");
        photoHint.setWrapText(true);
        VBox photoSide = new VBox(6, new HBox(6, choose, remove), photoHint);
        photoSide.setAlignment(Pos.CENTER_LEFT);
        HBox photoRow = new HBox(14, photo, photoSide);
        photoRow.setAlignment(Pos.CENTER_LEFT);

        TextField name = field("profile-display-name", "Display name", model.displayNameProperty());
        TextField pronouns = field("profile-pronouns", "e.g. she/her", model.pronounsProperty());
        TextField job = field("profile-job", "e.g. Cartographer", model.jobTitleProperty());
        ComboBox<String> zone = new ComboBox<>();
        zone.setId("profile-timezone");
        zone.setEditable(true);
        zone.setMaxWidth(Double.MAX_VALUE);
        zone.setPromptText("Time zone, e.g. Europe/Paris");
        zone.getItems().setAll(ProfileEditorModel.timeZones());
        zone.valueProperty().bindBidirectional(model.timeZoneProperty());
        TextArea bio = new TextArea();
        bio.setId("profile-bio");
        bio.setPromptText("A line about you (500 characters at most)");
        bio.setWrapText(true);
        bio.setPrefRowCount(3);
        bio.textProperty().bindBidirectional(model.bioProperty());

        Label emailNote = small("");
        emailNote.setId("profile-email-note");
        emailNote.setWrapText(true);
        emailNote.textProperty().bind(model.emailNoteProperty());
        HBox emailRow = withButton(field("profile-email", "you@example.com", model.newEmailProperty()),
                "Send code", "profile-email-send", model::sendEmailCode);
        HBox codeRow = withButton(field("profile-email-code", "8-digit code from the email", model.emailCodeProperty()),
                "Verify", "profile-email-verify", model::verifyEmail);
        bindShown(emailRow, model.emailOnProperty());
        bindShown(codeRow, model.codeSentProperty());

        Label message = small("");
        message.setId("profile-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label error = new Label();
        error.setId("profile-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        bindShown(error, model.errorProperty().isNotEmpty());

        Button save = new Button("Save");
        save.setId("profile-save");
        save.defaultButtonProperty().bind(model.visibleProperty()); // Enter saves only while the editor is open
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.save());
        Button close = new Button("Close");
        close.setId("profile-close");
        close.cancelButtonProperty().bind(model.visibleProperty());
        close.setOnAction(e -> model.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, message, gap, close, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        settings.setId("profile-settings");
        settings.getStyleClass().add(Styles.FLAT);
        bindShown(settings, javafx.beans.binding.Bindings.isNotEmpty(settings.getItems()));
        Region titleGap = new Region();
        HBox.setHgrow(titleGap, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, titleGap, settings);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox form = new VBox(8, titleRow, photoRow,
                small("Display name"), name, small("Pronouns"), pronouns, small("Job title"), job,
                small("Time zone"), zone, small("Bio"), bio,
                small("Email"), emailNote, emailRow, codeRow, error, buttons);
        form.setPadding(new Insets(18));
        setContent(form);
        visibleProperty().bind(model.visibleProperty());
        managedProperty().bind(visibleProperty());
    }

    /** Adds a setting that takes effect at once to the editor's Settings menu (beside its title). */
    public void addSetting(MenuItem setting) {
        settings.getItems().add(setting);
    }

    /** A text field that takes the row's width, and a button after it. */
    private static HBox withButton(TextField field, String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        HBox.setHgrow(field, Priority.ALWAYS);
        return new HBox(6, field, b);
    }

    private static void bindShown(Node node, javafx.beans.value.ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }
}

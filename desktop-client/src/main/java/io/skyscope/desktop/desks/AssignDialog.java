package io.skyscope.desktop.desks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Assign to…" for a free desk (owners and admins): a searchable list of the space's members,
 * those here now first; the one chosen gets the desk. Typing filters by name; Enter or a double
 * click assigns.
 *
 * <p>Threads: FX thread only.
 */
public final class AssignDialog extends Dialog<Assignees.Assignee> {
    private final ObservableList<Assignees.Assignee> people = FXCollections.observableArrayList();
    private final FilteredList<Assignees.Assignee> shown = new FilteredList<>(people);
    private final ListView<Assignees.Assignee> list = new ListView<>(shown);
    private final Label status = new Label("Reading the members of this space…");

    public AssignDialog(Window owner, String desk, DeskModel desks) {
        initOwner(owner);
        setTitle("Assign " + desk);
        setHeaderText("Who gets " + desk + "? A desk they hold now is freed.");
        TextField search = new TextField();
        search.setId("assign-search");
        search.setPromptText("Search by name");
        search.textProperty().addListener((obs, was, is) -> {
            String q = is.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(a -> q.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(q));
            list.getSelectionModel().selectFirst();
        });
        list.setId("assign-list");
        list.setPrefSize(320, 280);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Assignees.Assignee a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : a.name() + (a.here() ? " · here now" : ""));
            }
        });
        status.setId("assign-status");
        ButtonType assign = new ButtonType("Assign", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(assign, ButtonType.CANCEL);
        getDialogPane().lookupButton(assign).setId("assign-ok");
        getDialogPane().lookupButton(assign).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                setResult(list.getSelectionModel().getSelectedItem());
                close();
            }
        });
        getDialogPane().setContent(new VBox(8, search, list, status));
        setResultConverter(b -> b == assign ? list.getSelectionModel().getSelectedItem() : null);
        setOnShown(e -> search.requestFocus());
        desks.assignees(this::show);
    }

    private void show(List<Assignees.Assignee> read) {
        people.setAll(read);
        status.setText(read.isEmpty() ? "Nobody to assign it to." : read.size() == 1 ? "1 person"
                : read.size() + " people");
        list.getSelectionModel().selectFirst();
    }

    /** Opens the dialog for a desk and assigns it to the one chosen, if any. */
    public static void open(Window owner, String desk, DeskModel desks) {
        Optional<Assignees.Assignee> chosen = new AssignDialog(owner, desk, desks).showAndWait();
        chosen.ifPresent(a -> desks.assign(desk, a));
    }
}

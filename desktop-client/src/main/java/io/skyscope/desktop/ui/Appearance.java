package io.skyscope.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.skyscope.desktop.settings.Settings;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Light or dark: AtlantaFX's Primer themes as the user agent stylesheet plus the app's own
 * stylesheet, with the choice kept in {@link Settings}. FX thread only.
 */
public final class Appearance {
    public static final String APP_CSS = Appearance.class.getResource("/io/skyscope/desktop/skyscope.css").toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Appearance(Settings settings) {
        dark.set(settings.dark());
        apply(dark.get());
        dark.addListener((obs, was, is) -> {
            settings.dark(is);
            apply(is);
        });
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    private static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}

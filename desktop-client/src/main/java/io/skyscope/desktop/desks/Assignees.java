package io.skyscope.desktop.desks;

import io.skyscope.client.Session;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.MemberView;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a desk can be assigned to: the space's members (guests have no desks), those here now first,
 * then by name. Read with client-core's REST API on a virtual thread; handed to the FX thread.
 */
public final class Assignees {
    private static final Logger LOG = LoggerFactory.getLogger(Assignees.class);

    /** Someone a desk can be assigned to: a member of the space, and whether they are here now. */
    public record Assignee(String userId, String name, boolean here) {
    }

    private Assignees() {
    }

    /** Reads the list; {@code then} runs on {@code fx} (with the people here only, if the members could not be read). */
    static void read(Session link, Executor fx, Consumer<List<Assignee>> then) {
        var world = link.snapshot();
        Map<String, Person> here = world == null ? Map.of() : world.people();
        Thread.ofVirtual().name("desk-members").start(() -> {
            Map<String, Assignee> all = new LinkedHashMap<>();
            try {
                for (MemberView m : link.api().members(link.tokens().accessToken(), link.spaceId()).members()) {
                    if (!"guest".equals(m.role())) {
                        all.put(m.userId(), new Assignee(m.userId(), m.displayName(), here.containsKey(m.userId())));
                    }
                }
            } catch (RuntimeException e) {
                LOG.info("members of space {} not read for assigning a desk: {}", link.spaceId(), e.toString());
                here.values().forEach(p -> all.put(p.userId(), new Assignee(p.userId(), p.displayName(), true)));
            }
            List<Assignee> sorted = all.values().stream().sorted(Comparator.comparing((Assignee a) -> !a.here())
                    .thenComparing(a -> a.name().toLowerCase(Locale.ROOT))).toList();
            fx.execute(() -> then.accept(sorted));
        });
    }
}

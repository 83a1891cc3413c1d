package io.skyscope.server.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;

/** Small conversions shared by the collection classes. Stateless. */
final class Docs {
    private Docs() {
    }

    /** A new random id: a UUID string. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** BSON dates hold milliseconds; truncating up front keeps records equal after a round trip. */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static byte[] bytes(Object value) {
        return switch (value) {
            case Binary binary -> binary.getData();
            case byte[] raw -> raw;
            default -> throw new IllegalStateException("Expected binary data, got " + value.getClass());
        };
    }

    static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}

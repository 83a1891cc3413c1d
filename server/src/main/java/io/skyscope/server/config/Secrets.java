package io.skyscope.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets the server generates once and keeps in DATA_DIR when the environment gives none. */
public final class Secrets {
    private Secrets() {
    }

    /** The JWT signing key: JWT_SECRET if set, else {@code DATA_DIR/jwt-secret}, created on first start. */
    public static byte[] jwtSecret(ServerConfig config) {
        if (config.jwtSecret() != null) {
            return config.jwtSecret().getBytes(StandardCharsets.UTF_8);
        }
        Path file = config.dataDir().resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
                if (key.length < 32) {
                    throw new ConfigException("DATA_DIR", file + " holds a key shorter than 32 bytes; delete it to generate a new one");
                }
                return key;
            }
            byte[] key = new byte[64];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(config.dataDir(), "jwt-secret", ".tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the directory's ACL applies
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATA_DIR", file + " is not valid base64; delete it to generate a new one");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}

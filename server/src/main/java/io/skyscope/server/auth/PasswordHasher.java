package io.skyscope.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing with OWASP's recommended parameters (m=19456 KiB, t=2, p=1, 16-byte
 * salt, 32-byte hash), stored as a PHC string:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard base64).
 *
 * <p>{@link #verify} reads the parameters from the stored string, so hashes made with other
 * parameters keep working after the defaults change; {@link #needsRehash} says when to upgrade.
 *
 * <p>Thread-safe and stateless. Each hash allocates its own Argon2 memory (about 19 MiB) and
 * takes tens of milliseconds of CPU: the server calls it only through {@link HashingGate}, which
 * bounds how many run at once and keeps them off the request threads.
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    // Bounds on what a stored string may ask for, so a corrupted or planted hash cannot make a
    // single login allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** With OWASP's parameters. */
    public PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    /** With other parameters, e.g. stronger ones on a big server. */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB || iterations < 1
                || iterations > MAX_ITERATIONS || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Unusable Argon2 parameters m=" + memoryKib + " t=" + iterations
                    + " p=" + parallelism);
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** A PHC string for the password, with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password matches the stored PHC string. A string that is not a well-formed
     * Argon2id hash (or asks for unreasonable parameters) never matches. The comparison takes
     * the same time wherever the first differing byte is.
     */
    public boolean verify(String password, String phc) {
        if (password == null || phc == null) {
            return false;
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        try {
            int version = Integer.parseInt(m.group(1));
            int memory = Integer.parseInt(m.group(2));
            int iter = Integer.parseInt(m.group(3));
            int par = Integer.parseInt(m.group(4));
            byte[] salt = B64_DECODER.decode(m.group(5));
            byte[] expected = B64_DECODER.decode(m.group(6));
            if (version != Argon2Parameters.ARGON2_VERSION_13 || memory < 8 * par || memory > MAX_MEMORY_KIB
                    || iter < 1 || iter > MAX_ITERATIONS || par < 1 || par > MAX_PARALLELISM
                    || salt.length < 8 || expected.length < 16 || expected.length > 64) {
                return false;
            }
            byte[] actual = argon2(password, salt, memory, iter, par, expected.length);
            return MessageDigest.isEqual(actual, expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the stored string was made with parameters other than this hasher's. */
    public boolean needsRehash(String phc) {
        String params = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$";
        return phc == null || !phc.startsWith(params);
    }

    private static byte[] argon2(String password, byte[] salt, int memory, int iter, int par, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iter)
                .withParallelism(par)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }
}

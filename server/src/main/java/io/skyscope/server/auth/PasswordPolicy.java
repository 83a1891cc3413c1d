package io.skyscope.server.auth;

import io.skyscope.server.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Refuses passwords that are easy to guess: common ones ({@code password}, {@code 12345678}),
 * keyboard walks, repeats ({@code "        "}), and ones built on the account's own username.
 * The estimate is nbvcxz's (zxcvbn's method with larger dictionaries, leet and spacing variants),
 * with the username added to its dictionaries as the first word an attacker would try.
 *
 * <p>The threshold is {@value #MIN_ENTROPY_BITS} bits: about a million guesses, zxcvbn's line
 * between "too guessable" and "safe from throttled online guessing". Sign-in throttling (see
 * {@link LoginThrottle}) is what makes a million guesses take years, so the two go together.
 *
 * <p>Stateless and thread-safe. An estimate costs up to about 0.1 s of CPU for long, repetitive
 * input ({@link #MAX_ESTIMATED_CHARS} characters are examined, and the search for the best split
 * stops after {@value #SEARCH_MILLIS} ms), so callers run it where CPU is rationed.
 */
public final class PasswordPolicy {
    /** log2 of the guesses a password must be estimated to need: 2^20 ≈ a million. */
    public static final double MIN_ENTROPY_BITS = 20;
    static final int MAX_ESTIMATED_CHARS = 64;
    static final long SEARCH_MILLIS = 50;

    private final List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();

    /**
     * @param field the request field the password came in, named in the error
     * @param accountWords the username (and display name): guessed first, so they add nothing
     * @throws Refused 400 on {@code field}, saying why the password is easy to guess
     */
    public void check(String field, String password, String... accountWords) {
        List<Dictionary> withAccount = new ArrayList<>(dictionaries);
        DictionaryBuilder account = new DictionaryBuilder().setDictionaryName("account").setExclusion(false);
        for (String word : accountWords) {
            if (word != null && !word.isBlank()) {
                account.addWord(word.strip().toLowerCase(Locale.ROOT), 1);
            }
        }
        withAccount.add(account.createDictionary());
        Configuration config = new ConfigurationBuilder()
                .setDictionaries(withAccount)
                .setMaxLength(MAX_ESTIMATED_CHARS)
                .setCombinationAlgorithmTimeout(SEARCH_MILLIS)
                .setMinimumEntropy(MIN_ENTROPY_BITS)
                .setLocale(Locale.ENGLISH)
                .createConfiguration();
        Result result = new Nbvcxz(config).estimate(password);
        if (result.isMinimumEntropyMet()) {
            return;
        }
        String why = builtOn(password, accountWords) ? "it is built on your username"
                : result.getFeedback() == null || result.getFeedback().getWarning() == null ? null
                : result.getFeedback().getWarning().replaceAll("\\.$", "");
        throw Refused.badRequest(field, "Password is too easy to guess" + (why == null ? "" : " (" + why + ")")
                + ": use a longer phrase of uncommon words");
    }

    private static boolean builtOn(String password, String... accountWords) {
        String p = letters(password);
        for (String word : accountWords) {
            String w = word == null ? "" : letters(word);
            if (w.length() >= 3 && p.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}

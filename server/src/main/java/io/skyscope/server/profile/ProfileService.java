package io.skyscope.server.profile;

import io.skyscope.server.Refused;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.ProfilePhotos;
import io.skyscope.server.store.ProfilePhotos.Photo;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Other people's profile cards and everyone's profile photos. A card or photo is shown only to the
 * person themselves and to people who share a space with them; to anyone else the account does
 * not exist ({@code not_found}), so the routes are no directory of a server's accounts.
 *
 * <p>Uploads are limited per user ({@value #UPLOADS_PER_HOUR} an hour) and at most
 * {@value #DECODES} are decoded at once on the whole node (one may take tens of megabytes); a
 * busy node answers 503 rather than queueing without limit.
 *
 * <p>Thread-safe: called from HTTP request threads.
 */
public final class ProfileService {
    static final int UPLOADS_PER_HOUR = 20;
    static final int DECODES = 2;
    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

    private final Users users;
    private final Memberships memberships;
    private final ProfilePhotos photos;
    private final PhotoProcessor processor = new PhotoProcessor();
    private final RateLimit uploads = new RateLimit("photo uploads", UPLOADS_PER_HOUR);
    private final Semaphore decoding = new Semaphore(DECODES);

    public ProfileService(Users users, Memberships memberships, ProfilePhotos photos) {
        this.users = users;
        this.memberships = memberships;
        this.photos = photos;
    }

    /** Someone's account as their card shows it. @throws Refused 404 unless the viewer may see them */
    public User card(String viewerId, String userId) {
        if (!maySee(viewerId, userId)) {
            throw unknown();
        }
        return users.findById(userId).orElseThrow(ProfileService::unknown);
    }

    /**
     * Replaces the caller's photo with {@code upload} (PNG or JPEG), cropped square and scaled to
     * {@link PhotoProcessor#SIZES}.
     *
     * @throws Refused 413 / 400 on {@code photo} (see {@link PhotoProcessor#process}); 429 past the
     *     upload limit; 503 while the node is busy decoding others
     */
    public User uploadPhoto(String userId, byte[] upload) {
        users.findById(userId).orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
        uploads.acquire(userId);
        PhotoProcessor.Processed processed;
        try {
            if (!decoding.tryAcquire(5, TimeUnit.SECONDS)) {
                throw Refused.unavailable("Too many photos are being processed; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refused.unavailable("Interrupted");
        }
        try {
            processed = processor.process(upload);
        } finally {
            decoding.release();
        }
        photos.put(userId, processed.version(), processed.pngBySize());
        log.info("User {} set a profile photo ({} bytes uploaded)", userId, upload.length);
        return users.setPhoto(userId, processed.version())
                .orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
    }

    public User deletePhoto(String userId) {
        photos.delete(userId);
        return users.setPhoto(userId, null).orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
    }

    /** One size of someone's photo. @throws Refused 400 for a size not served; 404 if none or not visible */
    public Photo photo(String viewerId, String userId, int size) {
        if (!PhotoProcessor.SIZES.contains(size)) {
            throw Refused.badRequest("size", "Photo sizes are " + PhotoProcessor.SIZES);
        }
        if (!maySee(viewerId, userId)) {
            throw unknown();
        }
        return photos.find(userId, size).orElseThrow(() -> Refused.notFound("This person has no photo"));
    }

    /** Themselves, or someone who shares a space with them. */
    private boolean maySee(String viewerId, String userId) {
        if (viewerId.equals(userId)) {
            return true;
        }
        Set<String> mine = memberships.ofUser(viewerId).stream().map(Membership::spaceId).collect(Collectors.toSet());
        return memberships.ofUser(userId).stream().anyMatch(m -> mine.contains(m.spaceId()));
    }

    private static Refused unknown() {
        return Refused.notFound("No such person, or none who shares a space with you");
    }

    /** How long clients may keep a photo without asking again (it changes version when replaced). */
    public static Duration cacheFor() {
        return Duration.ofDays(1);
    }
}

package io.skyscope.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.skyscope.protocol.Limits;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.auth.AuthService;
import io.skyscope.server.auth.EmailService;
import io.skyscope.server.auth.HashingGate;
import io.skyscope.server.auth.LoginThrottle;
import io.skyscope.server.auth.OidcProvider;
import io.skyscope.server.auth.PasswordHasher;
import io.skyscope.server.auth.PasswordPolicy;
import io.skyscope.server.auth.Passwords;
import io.skyscope.server.auth.RegistrationLimits;
import io.skyscope.server.auth.SsoService;
import io.skyscope.server.auth.TokenService;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.cluster.ClusterSpaces;
import io.skyscope.server.cluster.RedisConnection;
import io.skyscope.server.chat.ChatAccess;
import io.skyscope.server.chat.ChatFanout;
import io.skyscope.server.chat.ChatHistory;
import io.skyscope.server.chat.ChatRateLimiter;
import io.skyscope.server.chat.ChatReads;
import io.skyscope.server.chat.ChatRecipients;
import io.skyscope.server.chat.ChatRetention;
import io.skyscope.server.chat.ChatService;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.ConversationService;
import io.skyscope.server.chat.MessageChanges;
import io.skyscope.server.chat.Moderation;
import io.skyscope.server.chat.NotificationService;
import io.skyscope.server.config.ConfigException;
import io.skyscope.server.desks.DeskService;
import io.skyscope.server.config.Secrets;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.http.AuthRoutes;
import io.skyscope.server.http.Authenticator;
import io.skyscope.server.http.ChatRoutes;
import io.skyscope.server.http.ClientAddresses;
import io.skyscope.server.http.EmailRoutes;
import io.skyscope.server.http.GuardedConnector;
import io.skyscope.server.http.GuestRoutes;
import io.skyscope.server.http.InvitePages;
import io.skyscope.server.http.PeopleRoutes;
import io.skyscope.server.http.PublicLinks;
import io.skyscope.server.guest.GuestPolicy;
import io.skyscope.server.guest.GuestService;
import io.skyscope.server.people.PeopleSearch;
import io.skyscope.server.store.GuestLinks;
import io.skyscope.server.store.Guests;
import io.skyscope.server.http.HttpErrors;
import io.skyscope.server.http.MapRoutes;
import io.skyscope.server.http.ModerationRoutes;
import io.skyscope.server.http.OpsRoutes;
import io.skyscope.server.http.ProfileRoutes;
import io.skyscope.server.http.FollowRoutes;
import io.skyscope.server.follow.FollowAlerts;
import io.skyscope.server.follow.FollowService;
import io.skyscope.server.store.Follows;
import io.skyscope.server.store.Whereabouts;
import io.skyscope.server.http.RequestIds;
import io.skyscope.server.http.SpaceRoutes;
import io.skyscope.server.http.SsoRoutes;
import io.skyscope.server.http.TrustedProxies;
import io.skyscope.server.http.VoiceRoutes;
import io.skyscope.server.mail.Mailer;
import io.skyscope.server.media.StageRooms;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.notes.NotesService;
import io.skyscope.server.profile.ProfileService;
import io.skyscope.server.space.MapCatalog;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.space.SpaceVoiceSettings;
import io.skyscope.server.space.WorldAdmission;
import io.skyscope.server.store.Desks;
import io.skyscope.server.store.EmailCodes;
import io.skyscope.server.store.SsoLinks;
import io.skyscope.server.store.SsoStates;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Invites;
import io.skyscope.server.store.Maps;
import io.skyscope.server.store.Notes;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.ProfilePhotos;
import io.skyscope.server.store.RefreshTokens;
import io.skyscope.server.store.RevokedSessions;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Users;
import io.skyscope.server.voice.IceServers;
import io.skyscope.server.voice.TurnCredentials;
import io.skyscope.server.world.SpaceDirectory;
import io.skyscope.server.world.SpaceOwners;
import io.skyscope.server.ws.AuthHandler;
import io.skyscope.server.ws.ChatHandler;
import io.skyscope.server.ws.EtiquetteHandler;
import io.skyscope.server.ws.ClientSession;
import io.skyscope.server.ws.MessageDispatcher;
import io.skyscope.server.ws.PresenceHandler;
import io.skyscope.server.ws.SessionRegistry;
import io.skyscope.server.ws.SpaceEjections;
import io.skyscope.server.ws.VoiceHandler;
import io.skyscope.server.ws.WorldAccountEvents;
import io.skyscope.server.ws.WsEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The composition root: builds configuration → storage → services → bus → world → HTTP with
 * {@code new}, in that order, and stops what has threads in reverse. Used by {@link ServerMain}
 * and by tests, which start it on port 0 with a temporary data directory.
 */
public final class SkyScopeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkyScopeServer.class);

    /** Bus topic on which a node announces a changed ban or mute ({@code spaceId:userId}). */
    private static final String SANCTIONS_TOPIC = "sanctions";

    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private final ServerConfig config;
    private Javalin app;
    private MongoStore store;

    private SkyScopeServer(ServerConfig config) {
        this.config = config;
    }

    /** Starts a server; on failure everything already started is stopped again. */
    public static SkyScopeServer start(ServerConfig config) {
        var server = new SkyScopeServer(config);
        try {
            server.boot();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void boot() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("DATA_DIR", "cannot create " + config.dataDir() + ": " + e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        byte[] jwtSecret = Secrets.jwtSecret(config);

        store = config.mongoUri() == null
                ? MongoStore.embedded(config.dataDir().resolve("db"), config.quotas().storeCacheMb())
                : MongoStore.connect(config.mongoUri());
        stopOrder.push(store);
        var users = new Users(store);
        var refreshTokens = new RefreshTokens(store);
        var spacesStore = new Spaces(store);
        var memberships = new Memberships(store);
        var invites = new Invites(store);
        var mapsStore = new Maps(store);
        var chatStores = ChatStores.open(store);
        var commit = new GroupCommit(store);
        chatStores.attach(commit);
        commit.start();
        stopOrder.push(commit);

        var metrics = new ServerMetrics();
        stopOrder.push(metrics);
        RedisClient redis = null;
        EventBus bus;
        if (config.redisUrl() == null) {
            bus = new InProcessEventBus();
        } else {
            redis = RedisConnection.client(config.redisUrl());
            stopOrder.push(redis::close);
            String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
            bus = new RedisEventBus(redis, nodeId, metrics, clock).start(Duration.ofSeconds(10));
        }
        stopOrder.push(bus);
        var sessions = new SessionRegistry(bus);
        var exits = new SpaceEjections(bus);
        // Bans and mutes apply on every node at once (each caches them for a few seconds).
        var sanctions = chatStores.sanctions();
        sanctions.onChange(key -> bus.publish(SANCTIONS_TOPIC, key));
        var sanctionNews = bus.subscribe(SANCTIONS_TOPIC, sanctions::forget);
        stopOrder.push(sanctionNews);

        var mapCatalog = new MapCatalog(mapsStore, spacesStore, clock, config.quotas());
        mapCatalog.ensureDefaultMap();
        var spaceService = new SpaceService(spacesStore, memberships, invites, mapsStore, users, sanctions, exits,
                clock, config.quotas());
        spaceService.ensureDefaultSpace();
        var tokens = new TokenService(jwtSecret, Duration.ofSeconds(config.protection().accessTokenTtlSeconds()), clock);
        var access = new AccessCheck(tokens, users, new RevokedSessions(store), bus, clock).start();
        stopOrder.push(access);
        access.onRevocation(sessions::revoked);
        var passwordWork = new HashingGate();
        stopOrder.push(passwordWork);
        var passwords = new Passwords(new PasswordHasher(), new PasswordPolicy(), passwordWork);
        var protection = config.protection();
        var registrations = new RegistrationLimits(protection.registrationsPerAddressPerHour(),
                protection.registrationsPerHour());
        var throttle = new LoginThrottle();
        var auth = new AuthService(users, refreshTokens, spaceService, store, passwords, tokens, access,
                throttle, registrations, config.registration(), config.adminUsername(),
                config.oidc() != null && config.oidc().ssoOnly(), clock);
        Mailer mailer = null;
        if (config.mail() != null) {
            mailer = new Mailer(config.mail());
            stopOrder.push(mailer);
        }
        var guestStore = new Guests(store);
        var guestLinks = new GuestLinks(store);
        var guests = new GuestService(spaceService, users, memberships, guestLinks, guestStore, refreshTokens, auth,
                access, store, clock);
        var email = new EmailService(users, new EmailCodes(store), auth, throttle, mailer, config.mail(), jwtSecret,
                config.publicUrl(), clock);
        var sso = new SsoService(config.oidc() == null ? null : new OidcProvider(config.oidc(), clock), config.oidc(),
                new SsoStates(store), new SsoLinks(store), users, auth, registrations, throttle, email.enabled(), clock);
        store.flush();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("housekeeping").daemon().factory());
        stopOrder.push(housekeeping::shutdownNow);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                auth.purgeExpiredTokens();
                email.purgeExpired();
                sso.purgeExpired();
                access.purgeExpired();
                invites.deleteExpired(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("housekeeping failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        // Guests' connections close at their link's expiry anyway (their tokens end then); this deletes them.
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                guests.sweep();
            } catch (RuntimeException e) {
                LOG.warn("guest sweep failed", e);
            }
        }, 1, 1, TimeUnit.MINUTES);

        var voiceSettings = new SpaceVoiceSettings(spacesStore, memberships, users, config.voice().spaceDefaults());
        var turn = config.voice().turnSecret() == null ? null : new TurnCredentials(config.voice().turnSecret(),
                Duration.ofSeconds(config.voice().turnTtlSeconds()), clock);
        var iceServers = new IceServers(config.stunUrls(), config.voice().turnUrls(), turn);
        var admission = new WorldAdmission(spaceService, spacesStore, users, mapCatalog, voiceSettings, iceServers,
                sanctions);
        StageRooms stageRooms = null;
        if (config.media() != null) {
            // Stopped after the space owners that feed it (the stop order is reversed).
            stageRooms = new StageRooms(config.media(), bus, clock).start();
            stopOrder.push(stageRooms);
            LOG.info("stages go through the media server at {} (up to {} listeners each)", config.media().url(),
                    config.media().stageSize());
        }
        final StageRooms media = stageRooms;
        if (media != null) {
            metrics.gauge("skyscope.media.up", "1 while the media server (Janus) answers, 0 while it is down",
                    () -> media.availability().up() ? 1 : 0);
        }
        var localOwners = new SpaceOwners(admission, bus, metrics, config.world(), clock, Duration.ofMinutes(10))
                .media(stageRooms).start();
        final SpaceDirectory owners;
        if (bus instanceof RedisEventBus redisBus) {
            var cluster = new ClusterSpaces(localOwners, admission, redisBus, redis, metrics, clock).start();
            stopOrder.push(cluster);
            owners = cluster;
        } else {
            stopOrder.push(localOwners);
            owners = localOwners;
        }
        var followStore = new Follows(store);
        var whereabouts = new Whereabouts(store);
        var followAlerts = new FollowAlerts(followStore, whereabouts, chatStores.notifications(), users, spacesStore,
                memberships, bus, clock, FollowAlerts.EVERY).start();
        stopOrder.push(followAlerts);
        access.onRevocation(r -> {
            if (r instanceof AccessCheck.Revocation.Account gone) {
                followAlerts.accountDeleted(gone.userId());
            }
        });
        var desks = new DeskService(new Desks(store), users, spacesStore, mapCatalog, spaceService, voiceSettings,
                new ChatRecipients(owners), bus, clock);
        var presence = new PresenceHandler(owners, admission, followAlerts, desks);

        var chatTuning = config.chat();
        var chatAccess = new ChatAccess(spaceService, users, sanctions, chatStores.conversations(), clock);
        var fanout = new ChatFanout(bus).start();
        stopOrder.push(fanout);
        var chatRecipients = new ChatRecipients(owners);
        var chatLimiter = new ChatRateLimiter(chatTuning.ratePerSecond(), chatTuning.burst());
        var chatService = new ChatService(chatStores, users, chatAccess, chatRecipients, fanout, commit, chatLimiter,
                clock);
        var changes = new MessageChanges(chatStores, users, chatAccess, chatRecipients, fanout, commit, chatLimiter,
                clock);
        var reads = new ChatReads(chatStores, chatAccess, fanout);
        var history = new ChatHistory(chatStores, chatAccess);
        var conversations = new ConversationService(chatStores, users, chatAccess, reads, fanout, commit, clock,
                config.quotas().groupInvitesPerHour());
        var notifications = new NotificationService(chatStores);
        var moderation = new Moderation(chatStores, chatAccess, memberships, exits, commit,
                clock);
        var retention = new ChatRetention(chatStores, chatAccess, commit, clock);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                retention.sweep();
            } catch (RuntimeException e) {
                LOG.warn("chat retention failed", e);
            }
        }, 1, 15, TimeUnit.MINUTES);

        metrics.gauge("skyscope.chat.messages.stored", "Chat messages stored by this node", chatService::storedCount);
        metrics.gauge("skyscope.chat.commit.batch", "Writers served by one flush of the embedded store, on average",
                commit::averageBatch);
        var chatHandler = new ChatHandler(chatService, changes, reads);
        // Stopped after the WebSocket endpoint (no more edits) and before the store: the last edits are saved.
        var notes = new NotesService(new Notes(store), bus, users, chatRecipients, clock, Duration.ofMinutes(5))
                .start(Duration.ofSeconds(1));
        stopOrder.push(notes);
        var dispatcher = new MessageDispatcher(presence, new VoiceHandler(owners, voiceSettings), chatHandler,
                new EtiquetteHandler(owners, voiceSettings), new AuthHandler(access), notes, desks, metrics, clock);
        // A connection's frame budget must leave room for the chat rate it is allowed.
        var defaults = ClientSession.FrameLimits.defaults();
        var frameLimits = new ClientSession.FrameLimits(Math.max(defaults.perSecond(), 2L * chatTuning.ratePerSecond()),
                Math.max(defaults.burst(), 2L * chatTuning.burst()), defaults.strikesPerSecond(), defaults.strikeBurst());
        var ws = new WsEndpoint(access, sessions, dispatcher, presence, metrics, frameLimits, clock);
        stopOrder.push(ws);
        metrics.gauge("skyscope.sessions", "Registered sessions on this node", sessions::size);
        metrics.gauge("skyscope.maps.parsed.cached", "Parsed map versions cached in memory", mapCatalog::cachedCount);

        var authenticator = new Authenticator(access, new GuestPolicy(guests::acceptsMessages));
        var links = new PublicLinks(config.publicUrl(), config.host(), () -> app.port());
        var addresses = new ClientAddresses(TrustedProxies.parse(config.protection().trustedProxies()));
        // Javalin builds the connector when it starts; its counters are read from here afterwards.
        GuardedConnector[] connector = new GuardedConnector[1];
        app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.addConnector((server, http) -> connector[0] = new GuardedConnector(server, http, config.host(),
                    config.port(), config.protection(), addresses.proxies()));
            cfg.jetty.multipartConfig.maxFileSize(MapRoutes.MAX_PART_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(MapRoutes.MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            cfg.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(Limits.MAX_FRAME_BYTES);
                factory.setIdleTimeout(Duration.ofSeconds(60));
            });
            new RequestIds().register(cfg.routes);
            new HttpErrors().register(cfg.routes);
            var accountEvents = new WorldAccountEvents(sessions, owners, followAlerts::spaceOf);
            new AuthRoutes(auth, authenticator, accountEvents, addresses).register(cfg.routes);
            var profiles = new ProfileService(users, memberships, new ProfilePhotos(store));
            var following = new FollowService(followStore, whereabouts, profiles, users, spacesStore, memberships,
                    owners, clock);
            new ProfileRoutes(profiles, authenticator, accountEvents, following::card).register(cfg.routes);
            new FollowRoutes(following, authenticator).register(cfg.routes);
            new EmailRoutes(email, authenticator, addresses).register(cfg.routes);
            new SsoRoutes(sso, addresses).register(cfg.routes);
            new SpaceRoutes(spaceService, authenticator, links).register(cfg.routes);
            new GuestRoutes(guests, links, authenticator, addresses).register(cfg.routes);
            new InvitePages(links,
                    code -> spaceService.usableInvite(code).flatMap(i -> spacesStore.find(i.spaceId()))
                            .map(sp -> new InvitePages.Target(sp.name())),
                    code -> guests.usable(code).flatMap(l -> spacesStore.find(l.spaceId()))
                            .map(sp -> new InvitePages.Target(sp.name()))).register(cfg.routes);
            new PeopleRoutes(new PeopleSearch(memberships, users), authenticator).register(cfg.routes);
            new MapRoutes(mapCatalog, spaceService, owners, authenticator).register(cfg.routes);
            new VoiceRoutes(voiceSettings, owners, authenticator).register(cfg.routes);
            new ChatRoutes(history, reads, conversations, notifications, authenticator).register(cfg.routes);
            new ModerationRoutes(moderation, retention, authenticator).register(cfg.routes);
            var ops = new OpsRoutes(store, bus, metrics, email.enabled());
            if (media != null) {
                ops.media(media::availability);
            }
            ops.register(cfg.routes);
            ws.register(cfg.routes);
        });
        stopOrder.push(() -> {
            sessions.closeAll(1001, "server shutting down");
            app.stop();
        });
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new ConfigException("PORT", "cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e));
        }
        metrics.gauge("skyscope.http.connections.refused", "Connections closed because their address held too many",
                connector[0]::refusedConnections);
        metrics.gauge("skyscope.http.connections.slow", "Connections closed for not sending request headers in time",
                connector[0]::slowConnections);
        LOG.info("SkyScope started on port {} with {}", port(), config);
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** For tests that reach the store the way another process on this host could. */
    public MongoStore store() {
        return store;
    }

    /** For tests that inspect routes. */
    public Javalin javalin() {
        return app;
    }

    @Override
    public void close() {
        while (!stopOrder.isEmpty()) {
            try {
                stopOrder.pop().close();
            } catch (Exception e) {
                LOG.warn("error while stopping", e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

}

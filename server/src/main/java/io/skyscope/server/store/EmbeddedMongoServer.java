package io.skyscope.server.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * mongo-java-server's wire protocol on a loopback port, with a {@link StoreGate} in every
 * connection's pipeline so only a client holding this process's password reaches the data.
 *
 * <p>It builds the same Netty pipeline as {@code de.bwaldvogel.mongo.MongoServer} (whose channel
 * initializer cannot be extended) with the gate inserted between the decoder and the database.
 *
 * <p>{@link #start} and {@link #close} are called by {@link MongoStore} on the thread that opens or
 * closes the store; the handlers run on Netty's own event-loop threads.
 */
final class EmbeddedMongoServer implements AutoCloseable {
    private final MongoBackend backend;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup clients;
    private final Channel listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(MongoBackend backend, String host, String password) {
        this.backend = backend;
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("store-boss", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("store-worker", true),
                NioIoHandler.newFactory());
        this.clients = new DefaultChannelGroup("store-clients", workers.next());
        try {
            this.listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(new InetSocketAddress(host, 0))
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MongoWireReplyEncoder());
                            ch.pipeline().addLast(new MongoWireMessageEncoder());
                            ch.pipeline().addLast(new MongoWireProtocolHandler());
                            ch.pipeline().addLast(new StoreGate(password));
                            ch.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                            ch.pipeline().addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind().syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stopThreads();
            throw e;
        }
    }

    /** Listens on {@code host} (a loopback address) on a free port. */
    static EmbeddedMongoServer start(MongoBackend backend, String host, String password) {
        return new EmbeddedMongoServer(backend, host, password);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Stops listening, closes every client connection, stops the threads, then closes the backend.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        stopThreads();
        backend.close();
    }

    private void stopThreads() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

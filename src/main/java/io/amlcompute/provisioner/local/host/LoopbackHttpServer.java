package io.amlcompute.provisioner.local.host;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 server on 127.0.0.1 for the HTTP triggers, on Netty (already on the class path through
 * azure-core-http-netty). Why not the JDK's {@code com.sun.net.httpserver}: it parses every request line with
 * {@link java.net.URI} and answers a target such as {@code /api/x/%zz} itself, with an HTML page naming
 * {@code URISyntaxException}, before any handler runs, where Kestrel leaves a malformed escape as it is and the
 * Functions host checks the key and runs the function ({@link RequestTarget}). Netty hands the request line over
 * as text; everything Kestrel decides about it is decided in {@link RequestTarget}, not here.
 *
 * <p>This class is transport only: it aggregates a request (413 over {@code maxBodyBytes}, answers
 * {@code Expect: 100-continue}), runs the {@link Handler} on the given executor, one request at a time per
 * connection (no reordering when a client pipelines), and writes the response with a Content-Length, keeping the
 * connection alive when the client asks for it. A request line or header Netty cannot parse gets 400.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoopbackHttpServer.class.getName());
    /** Kestrel's defaults: MaxRequestLineSize 8 KB, MaxRequestHeadersTotalSize 32 KB (KestrelServerLimits). */
    private static final int MAX_REQUEST_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 32 * 1024;

    /**
     * One request as received.
     *
     * @param target the request target exactly as sent (not decoded, not validated)
     * @param headers every header line in order, names as sent
     */
    record Request(String method, String target, boolean http11, List<Map.Entry<String, String>> headers,
                   byte[] body, int localPort) {
    }

    /** A response; {@code body} null or empty sends none. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        static Response empty(int status) {
            return new Response(status, Map.of(), null);
        }
    }

    /** Answers one request; an exception answers 500 without details. */
    interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final EventLoopGroup group;
    private final Channel channel;

    private LoopbackHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: ephemeral) and serves until closed.
     *
     * @throws IOException when the port cannot be bound
     */
    static LoopbackHttpServer start(int port, int maxBodyBytes, ExecutorService executor, Handler handler)
            throws IOException {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("functions-http-io", true));
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, 8192),
                                    new HttpServerKeepAliveHandler(),
                                    new HttpObjectAggregator(maxBodyBytes),
                                    new Dispatch(executor, handler));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).syncUninterruptibly()
                    .channel();
            return new LoopbackHttpServer(group, channel);
        } catch (Exception e) { // Netty rethrows the bind's BindException without declaring it
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting and closes every connection at once. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Copies each request out of Netty's buffers, runs the handler off the event loop, writes its answer. */
    private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final ExecutorService executor;
        private final Handler handler;

        Dispatch(ExecutorService executor, Handler handler) {
            this.executor = executor;
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (request.decoderResult().isFailure()) {
                write(ctx, Response.empty(400), false);
                return;
            }
            Request copy = new Request(request.method().name(), request.uri(),
                    request.protocolVersion().equals(HttpVersion.HTTP_1_1), List.copyOf(request.headers().entries()),
                    ByteBufUtil.getBytes(request.content()),
                    ((InetSocketAddress) ctx.channel().localAddress()).getPort());
            ctx.channel().config().setAutoRead(false); // one request at a time on this connection
            try {
                executor.execute(() -> {
                    Response response;
                    try {
                        response = handler.handle(copy);
                    } catch (Exception | Error e) {
                        LOG.log(Level.WARNING, "the HTTP trigger handler failed", e);
                        response = Response.empty(500);
                    }
                    write(ctx, response, keepAlive);
                });
            } catch (RejectedExecutionException closing) {
                ctx.close();
            }
        }

        private static void write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
            byte[] body = response.body() == null ? new byte[0] : response.body();
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
            response.headers().forEach((name, value) -> out.headers().set(name, value));
            if (response.status() != 204 && response.status() != 304) {
                HttpUtil.setContentLength(out, body.length);
            }
            HttpUtil.setKeepAlive(out, keepAlive);
            ctx.writeAndFlush(out).addListener(done -> {
                if (keepAlive && done.isSuccess()) {
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.FINE, "HTTP connection ended early", cause);
            ctx.close();
        }
    }
}

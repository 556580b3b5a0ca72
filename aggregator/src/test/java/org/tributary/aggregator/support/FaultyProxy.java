package org.tributary.aggregator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket stand-in in front of a {@link StubNode} that misbehaves on the wire: it forwards each request to the
 * stub and then either
 *
 * <ul>
 *   <li>{@link Mode#CLOSE_KEPT_ALIVE}: answers with {@code Connection: keep-alive} and closes the connection 200 ms
 *       later without a word (a node whose keep-alive timeout is shorter than the caller's idea of it), or
 *   <li>{@link Mode#TRICKLE}: sends the headers and then the body one byte every 200 ms, or
 *   <li>{@link Mode#FLOOD}: answers 200 with a body that never ends (1 MiB a write, no length), or
 *   <li>{@link Mode#KEEP}: behaves, keeps connections open as long as the caller does, and counts the ones the
 *       caller closed.
 * </ul>
 */
public final class FaultyProxy implements AutoCloseable {

    public enum Mode {
        CLOSE_KEPT_ALIVE,
        TRICKLE,
        FLOOD,
        KEEP
    }

    private final StubNode target;
    private final Mode mode;
    private final ServerSocket server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByCaller = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong flooded = new java.util.concurrent.atomic.AtomicLong();

    public FaultyProxy(StubNode target, Mode mode) {
        this.target = target;
        this.mode = mode;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::accept, "faulty-proxy-" + target.country());
        accept.setDaemon(true);
        accept.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public String country() {
        return target.country();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections the caller closed (KEEP). */
    public int closedByCaller() {
        return closedByCaller.get();
    }

    /** Bytes written to callers in FLOOD mode so far. */
    public long flooded() {
        return flooded.get();
    }

    /** Requests read so far (on any connection). */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket), "faulty-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            do {
                String head = readHead(in);
                if (head == null) {
                    if (mode == Mode.KEEP) {
                        closedByCaller.incrementAndGet();
                    }
                    return;
                }
                requests.incrementAndGet();
                answer(head, in, out);
            } while (mode == Mode.KEEP);
        } catch (IOException e) {
            // the caller went away: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(String head, InputStream in, OutputStream out) throws IOException, InterruptedException {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        int length = 0;
        var forward = HttpRequest.newBuilder(URI.create(target.baseUrl() + requestLine[1]));
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (!RESTRICTED.contains(lower)) {
                forward.header(name, value);
            }
        }
        byte[] body = in.readNBytes(length);
        if (mode == Mode.FLOOD
                && !requestLine[1].startsWith("/federation/v2/catalogue")
                && !requestLine[1].startsWith("/federation/v2/capabilities")) {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"cells\":["
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            while (true) {
                out.write(chunk);
                flooded.addAndGet(chunk.length);
            }
        }
        forward.method(
                requestLine[0],
                length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = answer.body();
        String headers = "HTTP/1.1 " + answer.statusCode() + " X\r\nContent-Type: "
                + answer.headers().firstValue("Content-Type").orElse("application/json")
                + answer.headers()
                        .firstValue(org.tributary.common.integrity.Receipt.HEADER)
                        .map(r -> "\r\n" + org.tributary.common.integrity.Receipt.HEADER + ": " + r)
                        .orElse("")
                + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: keep-alive\r\nKeep-Alive: timeout=60\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        if (mode == Mode.TRICKLE) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(200);
            }
        } else {
            out.write(bytes);
            out.flush();
            if (mode == Mode.CLOSE_KEPT_ALIVE) {
                Thread.sleep(200);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.US_ASCII);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** Headers the JDK client sets itself. */
    private static final java.util.Set<String> RESTRICTED =
            java.util.Set.of("connection", "host", "upgrade", "expect", "keep-alive", "transfer-encoding");

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

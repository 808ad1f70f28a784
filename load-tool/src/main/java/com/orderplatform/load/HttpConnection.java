package com.orderplatform.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, used by one thread at a time. A load generator on the same cores as the server
 * should spend as little CPU as it can: the tool speaks the few bytes of HTTP/1.1 it needs itself, the way wrk does,
 * instead of going through the JDK's asynchronous {@code HttpClient} (docs/benchmarks.md compares the two).
 */
final class HttpConnection implements AutoCloseable {

    /** A connection idle for longer may have been closed by the server; it is replaced before use. */
    private static final long MAX_IDLE_NANOS = 5_000_000_000L;
    private static final int TIMEOUT_MILLIS = 30_000;

    record Response(int status, byte[] body) {
    }

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsed;

    HttpConnection(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one request and reads its answer. A reused connection that turns out closed is replaced and the request
     * sent once more: every request this tool sends may be repeated (placements carry an Idempotency-Key).
     */
    Response exchange(String method, String path, String[] headers, byte[] body) throws IOException {
        boolean reused = socket != null && System.nanoTime() - lastUsed < MAX_IDLE_NANOS;
        if (!reused) {
            reconnect();
        }
        try {
            return attempt(method, path, headers, body);
        } catch (EOFException | java.net.SocketException closedByServer) {
            if (!reused) {
                throw closedByServer;
            }
            reconnect();
            return attempt(method, path, headers, body);
        }
    }

    private Response attempt(String method, String path, String[] headers, byte[] body) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        head.writeBytes((method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(hostHeader);
        for (int i = 0; i < headers.length; i += 2) {
            head.writeBytes((headers[i] + ": " + headers[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (body != null) {
            head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (!method.equals("GET")) {
            head.writeBytes("Content-Length: 0\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        head.writeTo(out);
        if (body != null) {
            out.write(body);
        }
        out.flush();
        Response response = read();
        lastUsed = System.nanoTime();
        return response;
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") && !status.startsWith("HTTP/1.0 ")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0 ");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (code == 204 || code == 304 || code / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("body cut short");
            }
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] data = in.readNBytes(chunk);
            if (data.length < chunk) {
                throw new EOFException("chunk cut short");
            }
            body.writeBytes(data);
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    private void reconnect() throws IOException {
        close();
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setSoTimeout(TIMEOUT_MILLIS);
        fresh.connect(new InetSocketAddress(host, port), 5_000);
        socket = fresh;
        in = new BufferedInputStream(fresh.getInputStream(), 8192);
        out = new BufferedOutputStream(fresh.getOutputStream(), 8192);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}

package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderplatform.app.support.RawHttp;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error answer is problem+json with a stable code, whichever layer gives it: Tomcat refusing a request it
 * cannot read, Spring Security's firewall, the servlet's methods, the container's error page. Each request is written
 * over a raw socket, as a careless or hostile client would send it.
 */
class EdgeIT {

    private static final String SKU = "EDGE-1";
    private static RunningApp app;
    private static String admin;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        app.defineProduct(SKU, 100, 10, 0);
        admin = app.admin();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nAuthorization: Bearer " + admin;
    }

    static Stream<Arguments> refusedByTomcat() {
        String manyHeaders = IntStream.range(0, 150).mapToObj(i -> "X-H" + i + ": " + i)
                .collect(Collectors.joining("\r\n"));
        return Stream.of(
                Arguments.of("a control character in a header", get("/api/products/" + SKU) + "\r\nX-Note: a\u0001b"),
                Arguments.of("%2F in the path", get("/api/products/a%2Fb")),
                Arguments.of("%00 in the path", get("/api/products/a%00b")),
                Arguments.of("%5C in the path", get("/api/products/a%5Cb")),
                Arguments.of("overlong UTF-8 in the path", get("/api/products/%C0%AE%C0%AE")),
                Arguments.of("a 20 KB header", get("/api/products/" + SKU) + "\r\nX-Big: " + "a".repeat(20_000)),
                Arguments.of("150 headers", get("/api/products/" + SKU) + "\r\n" + manyHeaders),
                Arguments.of("a 10 KB path", get("/api/products/" + "a".repeat(10_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTomcat")
    void aRequestTomcatCannotReadIsABadRequestProblem(String what, String request) {
        assertProblem(RawHttp.send(app.baseUrl(), request), 400, "BAD_REQUEST");
    }

    static Stream<Arguments> refusedByTheFirewall() {
        return Stream.of(
                Arguments.of("%2E%2E in the path", get("/api/%2E%2E/api/products/" + SKU)),
                Arguments.of("A/../B in the path", get("/api/orders/../products/" + SKU)),
                Arguments.of("// in the path", get("//api/products/" + SKU)),
                Arguments.of("a ;x=1 matrix parameter", get("/api/products/" + SKU + ";x=1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheFirewall")
    void aRequestTheFirewallRefusesIsARejectedRequestProblem(String what, String request) {
        assertProblem(RawHttp.send(app.baseUrl(), request), 400, "REQUEST_REJECTED");
    }

    @Test
    void aUtf8IdempotencyKeyIsARejectedRequestProblem() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /api/orders HTTP/1.1\r\nAuthorization: Bearer " + app.customer("edge-utf8")
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: ")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.write("ключ".getBytes(StandardCharsets.UTF_8));
        long before = app.storedEvents();

        String order = "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";
        assertProblem(RawHttp.send(app.baseUrl(), request.toByteArray(), order.getBytes(StandardCharsets.UTF_8)), 400,
                "REQUEST_REJECTED");
        assertThat(app.storedEvents()).isEqualTo(before);
    }

    @Test
    void traceAndUnknownMethodsAreMethodNotAllowedProblems() {
        assertProblem(RawHttp.send(app.baseUrl(), "TRACE /api/ping HTTP/1.1\r\nAuthorization: Bearer " + admin), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(RawHttp.send(app.baseUrl(), "FOO /api/ping HTTP/1.1\r\nAuthorization: Bearer " + admin), 405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void rebuildingTheGateOfAnUnknownProductIsAProblem() {
        assertProblem(app.post("/api/admin/gate/NO-SUCH-SKU/rebuild", admin, java.util.Map.of()), 404,
                "PRODUCT_NOT_FOUND");
    }

    @Test
    void theErrorPageAskedForDirectlyDoesNotExist() {
        assertProblem(app.get("/error", null), 404, "NOT_FOUND");
        assertProblem(app.get("/error", admin), 404, "NOT_FOUND");
        assertProblem(app.post("/error", admin, java.util.Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void theLocalDefaultIsNotReachableFromOtherMachines() throws Exception {
        assertThat(app.property("server.address")).isEqualTo("127.0.0.1");
        int port = URI.create(app.baseUrl()).getPort();
        List<InetAddress> outward = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> !isLoopback(nic))
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address)
                .toList();
        for (InetAddress address : outward) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2_000))
                        .as("port %d on %s", port, address).isInstanceOf(IOException.class);
            }
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (SocketException e) {
            return true;
        }
    }

    private static void assertProblem(RunningApp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Exception");
    }
}

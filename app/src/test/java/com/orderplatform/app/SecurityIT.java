package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class SecurityIT {

    private static final String SKU = "SEC-1";
    private static RunningApp app;
    private static String alice;
    private static String bob;
    private static String aliceOrder;

    @BeforeAll
    static void placeAlicesOrder() {
        app = SharedApp.get();
        app.defineProduct(SKU, 100, 10, 0);
        alice = app.customer("sec-alice");
        bob = app.customer("sec-bob");
        aliceOrder = app.placeOrderId(alice, "tok_ok", SKU, 1);
        awaitTerminal(app, alice, aliceOrder, Duration.ofSeconds(5));
    }

    @Test
    void noTokenIsUnauthorized() {
        assertProblem(app.placeOrder(null, "tok_ok", Map.of(SKU, 1)), 401, "UNAUTHORIZED");
        assertProblem(app.get("/api/orders/" + aliceOrder, null), 401, "UNAUTHORIZED");
        assertProblem(app.get("/api/products/" + SKU, null), 401, "UNAUTHORIZED");
    }

    @Test
    void aGarbageTokenIsUnauthorized() {
        assertProblem(app.get("/api/orders/" + aliceOrder, "not-a-jwt"), 401, "UNAUTHORIZED");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("sec-alice").issuer("orders-platform")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("ADMIN")).build();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner("an-attacker-secret-that-is-long-enough-1234".getBytes()));

        assertProblem(app.get("/api/orders/" + aliceOrder, forged.serialize()), 401, "UNAUTHORIZED");
    }

    @Test
    void anotherCustomerCannotSeeTheOrder() {
        assertProblem(app.get("/api/orders/" + aliceOrder, bob), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void anotherCustomerCannotStreamTheOrder() {
        assertProblem(app.get("/api/orders/" + aliceOrder + "/stream", bob), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void anotherCustomerCannotCancelTheOrder() {
        assertProblem(app.post("/api/orders/" + aliceOrder + "/cancel", bob, Map.of()), 404, "ORDER_NOT_FOUND");
        assertThat(app.get("/api/orders/" + aliceOrder, alice).json().get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void anotherCustomerDoesNotFindTheOrderInTheirList() {
        var page = app.get("/api/orders?userId=sec-alice", bob).json();

        assertThat(page.get("items")).allSatisfy(order -> assertThat(order.get("userId").asText()).isEqualTo("sec-bob"));
    }

    @Test
    void anAdminSeesAnyOrder() {
        RunningApp.Response response = app.get("/api/orders/" + aliceOrder, app.admin());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("userId").asText()).isEqualTo("sec-alice");
    }

    @Test
    void aCustomerOnAnAdminEndpointIsForbidden() {
        assertProblem(app.put("/api/admin/products/" + SKU, alice,
                Map.of("name", "x", "priceCents", 1, "currency", "EUR", "stock", 1, "perUserLimit", 0)), 403, "FORBIDDEN");
        assertProblem(app.post("/api/admin/products/" + SKU + "/restock", alice, Map.of("quantity", 5)), 403, "FORBIDDEN");
        assertProblem(app.post("/api/orders/" + aliceOrder + "/ship", alice, Map.of()), 403, "FORBIDDEN");
    }

    @Test
    void theDashboardIsForAdminsOnly() {
        assertProblem(app.get("/api/dashboard/summary", alice), 403, "FORBIDDEN");

        RunningApp.Response summary = app.get("/api/dashboard/summary", app.admin());

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("ordersByStatus").get("PAID").asLong()).isPositive();
        assertThat(summary.json().get("lastFifteenMinutes")).hasSize(15);
    }

    /** Roles are declared on the endpoints, so an endpoint added without one must not slip through unnoticed. */
    @Test
    void everyAdminAndDashboardEndpointDeclaresItselfAdminOnly() {
        RequestMappingHandlerMapping mappings = app.bean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> mapping.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/admin/") || path.startsWith("/api/dashboard/"))
                .forEach(path -> {
                    PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
                    if (rule == null) {
                        rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
                    }
                    assertThat(rule).as(path + " declares a role").isNotNull();
                    assertThat(rule.value()).as(path).isEqualTo("hasRole('ADMIN')");
                    checked.add(path);
                }));
        assertThat(checked).contains("/api/dashboard/summary", "/api/admin/gate/reconciliation",
                "/api/admin/products/{sku}");
    }

    @Test
    void anAdminWithoutTheCustomerRoleCannotPlaceOrders() {
        assertProblem(app.placeOrder(app.admin(), "tok_ok", Map.of(SKU, 1)), 403, "FORBIDDEN");
    }

    @Test
    void devTokensRefuseUnknownRoles() {
        assertProblem(app.post("/api/dev/tokens", null, Map.of("userId", "x", "roles", List.of("ROOT"))), 400,
                "VALIDATION_FAILED");
    }

    /** A token signed with the right key, with the claims given (none added). */
    private static String signed(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.issuer("orders-platform").build());
        jwt.sign(new MACSigner(app.property("orders.security.jwt-secret").getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder customerClaims() {
        return new JWTClaimsSet.Builder().claim("roles", List.of("CUSTOMER"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    static Stream<Arguments> tokensWithoutAUsableIdentity() throws Exception {
        return Stream.of(
                Arguments.of("no sub", signed(customerClaims())),
                Arguments.of("an empty sub", signed(customerClaims().subject(""))),
                Arguments.of("a blank sub", signed(customerClaims().subject("   "))),
                Arguments.of("a 100-character sub", signed(customerClaims().subject("u".repeat(100)))),
                Arguments.of("a control character in sub", signed(customerClaims().subject("a\u0001b"))),
                Arguments.of("no exp", signed(new JWTClaimsSet.Builder().subject("sec-noexp")
                        .claim("roles", List.of("CUSTOMER")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensWithoutAUsableIdentity")
    void aValidlySignedTokenWithoutAUsableIdentityIsUnauthorized(String what, String token) {
        long before = app.storedEvents();

        assertProblem(app.get("/api/orders", token), 401, "UNAUTHORIZED");
        assertProblem(app.get("/api/orders/" + aliceOrder, token), 401, "UNAUTHORIZED");
        assertProblem(app.placeOrder(token, "tok_ok", Map.of(SKU, 1)), 401, "UNAUTHORIZED");
        assertThat(app.storedEvents()).isEqualTo(before);
    }

    @Test
    void theSameTokenWithAUserIdIsAccepted() throws Exception {
        assertThat(app.get("/api/orders", signed(customerClaims().subject("sec-carol"))).status()).isEqualTo(200);
    }

    @Test
    void devTokensRefuseANullRoleAndANonStringUserId() {
        List<String> nullRole = new ArrayList<>();
        nullRole.add(null);
        assertProblem(app.post("/api/dev/tokens", null, Map.of("userId", "x", "roles", nullRole)), 400,
                "VALIDATION_FAILED");
        assertProblem(app.post("/api/dev/tokens", null, Map.of("userId", 123, "roles", List.of("CUSTOMER"))), 400,
                "INVALID_VALUE");
    }

    @Test
    void anotherCustomersOrderAndNoOrderGetTheSameAnswer() {
        for (String action : List.of("cancel", "complete")) {
            RunningApp.Response others = app.post("/api/orders/" + aliceOrder + "/" + action, bob, Map.of());
            RunningApp.Response none = app.post("/api/orders/987654321987/" + action, bob, Map.of());

            assertProblem(others, 404, "ORDER_NOT_FOUND");
            assertProblem(none, 404, "ORDER_NOT_FOUND");
            assertThat(none.json().get("detail")).isEqualTo(others.json().get("detail"));
        }
        assertThat(app.get("/api/orders/987654321987", bob).json().get("detail"))
                .isEqualTo(app.get("/api/orders/" + aliceOrder, bob).json().get("detail"));
    }

    private static void assertProblem(RunningApp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }
}

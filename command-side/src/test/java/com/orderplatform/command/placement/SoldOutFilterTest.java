package com.orderplatform.command.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.idempotency.IdempotencyFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The sold-out answer decided before Spring MVC: what it answers itself, and everything it leaves to the controller
 * (the chain runs, with the body intact). Placement's ports are the in-memory fakes of {@link PlacementFakes}.
 */
class SoldOutFilterTest {

    private static final String USER = "u1";
    private static final String KEY = "key-1";
    private static final String GONE = "{\"items\":[{\"sku\":\"SKU-GONE\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";
    private static final String IN_STOCK = "{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";

    private final PlacementFakes.Stock stock = new PlacementFakes.Stock()
            .with("SKU-1", 5, 2)
            .with("SKU-GONE", 0, 2);
    private final PlacementFakes.Records records = new PlacementFakes.Records();
    private final PlacementFakes.Claims claims = new PlacementFakes.Claims();
    private final PlacementFakes.Orders orders = new PlacementFakes.Orders();
    private final OrderPlacement placement = new OrderPlacement(new PlacementFakes.Prices()
            .with("SKU-1", 1_000, "EUR").with("SKU-GONE", 1_000, "EUR"), stock, orders,
            new PlacementFakes.Ids(), claims, records);
    /** As the application's: Spring's builder writes a problem's properties (the code) at the top level. */
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final Counter soldOut = new SimpleMeterRegistry().counter("orders.placements", "outcome", "sold_out");
    private final SoldOutFilter filter = new SoldOutFilter(placement,
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), json,
            Validation.buildDefaultValidatorFactory().getValidator(), soldOut);

    @AfterEach
    void noCaller() {
        SecurityContextHolder.clearContext();
    }

    private static void caller(String role) {
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "HS256").subject(USER).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    private static MockHttpServletRequest placement(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
        request.setContentType("application/json");
        request.addHeader(IdempotencyFilter.HEADER, KEY);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** The request the rest of the chain got, or null when the filter answered. */
    private ServletRequest passedOn(MockHttpServletRequest request, MockHttpServletResponse response) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest();
    }

    private static String bodyOf(ServletRequest request) throws Exception {
        return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aPlacementForASkuKnownSoldOutIsAnsweredHereAsTheControllerWould() throws Exception {
        stock.flaggedSoldOut("SKU-GONE");
        caller("CUSTOMER");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(passedOn(placement(GONE), response)).isNull();

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("code").asText()).isEqualTo("SOLD_OUT");
        assertThat(problem.get("detail").asText()).isEqualTo("SKU SKU-GONE is sold out.");
        assertThat(problem.get("type").asText()).isEqualTo("https://orderplatform.dev/problems/sold-out");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/orders");
        assertThat(soldOut.count()).isEqualTo(1);
        assertThat(orders.stored).isEmpty();
        assertThat(claims.isTaken(USER, KEY)).isFalse();
        assertThat(stock.admissionsAsked).isZero();
    }

    @Test
    void whileNoSkuIsKnownSoldOutTheRequestGoesOnUnreadAndUnwrapped() throws Exception {
        caller("CUSTOMER");
        MockHttpServletRequest request = placement(GONE);

        ServletRequest passed = passedOn(request, new MockHttpServletResponse());

        assertThat(passed).isSameAs(request);
        assertThat(bodyOf(passed)).isEqualTo(GONE);
    }

    @Test
    void aRequestForOtherSkusGoesOnWithItsBodyIntact() throws Exception {
        stock.flaggedSoldOut("SKU-GONE");
        caller("CUSTOMER");

        ServletRequest passed = passedOn(placement(IN_STOCK), new MockHttpServletResponse());

        assertThat(passed).isNotNull();
        assertThat(bodyOf(passed)).isEqualTo(IN_STOCK);
        assertThat(soldOut.count()).isZero();
    }

    /** The controller answers these (400, 403, 415, 422, a replay): the filter must not answer them SOLD_OUT. */
    @Test
    void whateverTheControllerWouldAnswerOtherwiseGoesOnToIt() throws Exception {
        stock.flaggedSoldOut("SKU-GONE");
        caller("CUSTOMER");
        MockHttpServletRequest invalid = placement(GONE.replace("\"quantity\":1", "\"quantity\":0"));
        MockHttpServletRequest unknownField = placement(GONE.replace("\"paymentMethod\"", "\"extra\":1,\"paymentMethod\""));
        MockHttpServletRequest notJson = placement(GONE);
        notJson.setContentType("text/plain");
        MockHttpServletRequest noKey = placement(GONE);
        noKey.removeHeader(IdempotencyFilter.HEADER);
        MockHttpServletRequest badKey = placement(GONE);
        badKey.removeHeader(IdempotencyFilter.HEADER);
        badKey.addHeader(IdempotencyFilter.HEADER, " ");
        MockHttpServletRequest broken = placement("{\"items\":[{\"sku\":\"SKU-GONE\",");

        for (MockHttpServletRequest request : List.of(invalid, unknownField, notJson, noKey, badKey, broken)) {
            String body = new String(request.getContentAsByteArray(), StandardCharsets.UTF_8);
            ServletRequest passed = passedOn(request, new MockHttpServletResponse());
            assertThat(passed).as("%s %s", request.getContentType(), body).isNotNull();
            assertThat(bodyOf(passed)).isEqualTo(body);
        }
        assertThat(soldOut.count()).isZero();
    }

    @Test
    void anAdminOrNoCallerGoesOnToTheControllersRoleCheck() throws Exception {
        stock.flaggedSoldOut("SKU-GONE");

        assertThat(passedOn(placement(GONE), new MockHttpServletResponse())).as("no caller").isNotNull();
        caller("ADMIN");
        assertThat(passedOn(placement(GONE), new MockHttpServletResponse())).as("an admin").isNotNull();
        assertThat(soldOut.count()).isZero();
    }

    @Test
    void aKeyThatHoldsAnAcceptedOrderGoesOnToBeAnsweredWithIt() throws Exception {
        caller("CUSTOMER");
        placement.place(USER, KEY, new PlaceOrderRequest(List.of(new PlaceOrderRequest.Item("SKU-1", 1)), "tok_ok"));
        stock.flaggedSoldOut("SKU-1");

        ServletRequest passed = passedOn(placement(IN_STOCK), new MockHttpServletResponse());
        ServletRequest otherBody = passedOn(placement(IN_STOCK.replace("tok_ok", "tok_declined")),
                new MockHttpServletResponse());

        assertThat(passed).isNotNull();
        assertThat(otherBody).as("another body under the key: the controller's 422").isNotNull();
        assertThat(placement.place(USER, KEY, new PlaceOrderRequest(List.of(new PlaceOrderRequest.Item("SKU-1", 1)),
                "tok_ok"))).isInstanceOf(OrderPlacement.Placed.Replayed.class);
    }

    @Test
    void otherRequestsAreNotLookedAt() {
        MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/orders");
        MockHttpServletRequest elsewhere = new MockHttpServletRequest("POST", "/api/orders/1/cancel");

        assertThat(filter.shouldNotFilter(read)).isTrue();
        assertThat(filter.shouldNotFilter(elsewhere)).isTrue();
        assertThat(filter.shouldNotFilter((HttpServletRequest) placement(GONE))).isFalse();
    }
}

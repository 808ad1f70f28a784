package com.orderplatform.command.placement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.orderplatform.api.RuleViolation;
import com.orderplatform.infra.error.Problems;
import com.orderplatform.infra.idempotency.IdempotencyFilter;
import com.orderplatform.infra.idempotency.IdempotencyKeys;
import com.orderplatform.infra.ratelimit.RateLimitFilter;
import com.orderplatform.infra.web.CachedBodyRequest;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The sold-out crowd's answer, given before Spring MVC runs: after authentication and the rate limit (this filter comes
 * after the security chain), a placement that asks for a SKU this instance found empty a moment ago is answered
 * {@code 409 SOLD_OUT} here — the same problem+json as the controller's, after the same one read of the key's record
 * ({@link OrderPlacement#soldOutRefusal}). Everything else goes on to the controller untouched: when no SKU is known
 * to be sold out (the body is not even read), when none of the request's SKUs is, and whenever the controller's answer
 * could differ from a plain sold-out — not a customer, no well-formed key, not JSON, a body it would refuse as
 * invalid, a key that holds an answer.
 */
class SoldOutFilter extends OncePerRequestFilter {

    /** Larger bodies (or ones of unknown length) go to the controller: a placement is a few hundred bytes. */
    static final int MAX_BODY = 16 * 1024;

    private final OrderPlacement placement;
    private final ObjectReader requests;
    private final ObjectMapper json;
    private final Validator validator;
    private final Counter soldOut;
    /** The answers written so far, by refusal (one per sold-out SKU). */
    private final Cache<String, byte[]> answers = Caffeine.newBuilder().maximumSize(1_000).build();

    /** {@code strict}: the controller's own JSON reader, so that what it would refuse is never answered here. */
    SoldOutFilter(OrderPlacement placement, ObjectMapper strict, ObjectMapper json, Validator validator,
                  Counter soldOut) {
        this.placement = placement;
        this.requests = strict.readerFor(PlaceOrderRequest.class);
        this.json = json;
        this.validator = validator;
        this.soldOut = soldOut;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !RateLimitFilter.PLACEMENTS.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = customer();
        String key = request.getHeader(IdempotencyFilter.HEADER);
        long length = request.getContentLengthLong();
        if (!placement.anyKnownSoldOut() || userId == null || key == null
                || !IdempotencyKeys.isWellFormed(key) || length < 0
                || length > MAX_BODY || !isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Optional<RuleViolation> refusal = namesKnownSoldOutSku(body) ? refusal(userId, key, body) : Optional.empty();
        if (refusal.isEmpty()) {
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        soldOut.increment();
        // The request metrics name the endpoint as they would had the controller answered.
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(observation -> observation.setPathPattern(RateLimitFilter.PLACEMENTS));
        byte[] answer = answers.get(refusal.get().getMessage(), detail -> problem(refusal.get()));
        response.setStatus(HttpStatus.CONFLICT.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The controller's answer to the refusal, as its bytes (the same for every buyer of the SKU: written once). */
    private byte[] problem(RuleViolation refusal) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, refusal.code(), refusal.getMessage());
        problem.setInstance(URI.create(RateLimitFilter.PLACEMENTS));
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's user id when the token is a customer's (the controller's own role check); null otherwise. */
    private static String customer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()
                && token.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_CUSTOMER"))) {
            return token.getToken().getSubject();
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** A cheap look at the body (no binding): does any {@code "sku"} value name a SKU known to be sold out? */
    private boolean namesKnownSoldOutSku(byte[] body) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "sku".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING && placement.mayBeSoldOut(parser.getText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** The controller's binding and validation, then the sold-out refusal; empty wherever the controller must answer. */
    private Optional<RuleViolation> refusal(String userId, String key, byte[] body) {
        PlaceOrderRequest request;
        try {
            request = requests.readValue(body);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        if (request == null || !validator.validate(request).isEmpty()) {
            return Optional.empty();
        }
        return placement.soldOutRefusal(userId, key, request);
    }
}

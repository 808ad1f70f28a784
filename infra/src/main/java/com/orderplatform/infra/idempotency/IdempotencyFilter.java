package com.orderplatform.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.error.BodyTooLargeException;
import com.orderplatform.infra.error.Problems;
import com.orderplatform.infra.web.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * DESIGN §6 for every state-changing POST that carries an {@code Idempotency-Key}: the first request runs, a
 * repeat with the same body gets the first answer again, a repeat with another body gets 422, and a repeat while
 * the first is still running gets 409. Keys belong to the caller (the token's user). Answers of 5xx are not kept:
 * the client's retry runs again.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final ObjectMapper json;
    private final List<SelfManagedIdempotency> selfManaged;

    public IdempotencyFilter(IdempotencyStore store, ObjectMapper json, List<SelfManagedIdempotency> selfManaged) {
        this.store = store;
        this.json = json;
        this.selfManaged = List.copyOf(selfManaged);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/dev/")
                || selfManaged.stream().anyMatch(endpoint -> endpoint.method().equals(request.getMethod())
                        && endpoint.path().equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!IdempotencyKeys.isWellFormed(key)) {
            Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, IdempotencyKeys.INVALID_CODE,
                    IdempotencyKeys.RULE));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException e) {
            Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body is too large."));
            return;
        }
        String userId = caller.getName();
        String hash = hash(request, body);
        Claim claim = store.claim(userId, key, hash);
        if (claim instanceof Claim.Answered answered) {
            replay(answered.response(), response);
        } else if (claim instanceof Claim.InFlight) {
            Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_FLIGHT",
                    "A request with this Idempotency-Key is still being processed."));
        } else if (claim instanceof Claim.Mismatch) {
            Problems.write(response, json, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different request."));
        } else {
            runOnce(new CachedBodyRequest(request, body), response, chain, userId, key, hash);
        }
    }

    private void runOnce(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                         String userId, String key, String hash) throws IOException, ServletException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, recorded);
            if (recorded.getStatus() < 500) {
                store.complete(userId, key, hash, new StoredResponse(recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.LOCATION),
                        new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8)));
                kept = true;
            }
        } finally {
            if (!kept) {
                store.abandon(userId, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader(REPLAYED, "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

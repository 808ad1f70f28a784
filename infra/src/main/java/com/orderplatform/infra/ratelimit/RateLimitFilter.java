package com.orderplatform.infra.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.error.Problems;
import com.orderplatform.infra.security.SecurityConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Right after authentication (DESIGN §3), before anything is recorded or reserved: {@code POST /api/orders} against
 * the user's and the cluster's placement buckets, every other state-changing request against the client's bucket.
 * Over a limit: 429 with {@code Retry-After}. Reads, the local profile's own {@code /api/dev} controls and the payment
 * provider's signed webhooks (one per outcome, all from the provider's few addresses) are not limited.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    public static final String PLACEMENTS = "/api/orders";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final Counter refusedPlacements;

    public RateLimitFilter(RateLimiter limiter, ObjectMapper json, MeterRegistry meters) {
        this.limiter = limiter;
        this.json = json;
        this.refusedPlacements = Counter.builder("orders.placements").tag("outcome", "rate_limited")
                .description("Placements by outcome").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || request.getRequestURI().startsWith("/api/dev/")
                || SecurityConfiguration.PAYMENT_WEBHOOK.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = user();
        boolean placement = "POST".equals(request.getMethod()) && PLACEMENTS.equals(request.getRequestURI());
        if (placement && user == null) {
            chain.doFilter(request, response); // refused as unauthenticated further on
            return;
        }
        RateLimiter.Verdict verdict = placement
                ? limiter.placement(user)
                : limiter.request(user != null ? "user:" + user : "address:" + request.getRemoteAddr());
        if (verdict.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        if (placement) {
            refusedPlacements.increment();
        }
        if (verdict.unavailable()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            Problems.write(response, json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "RATE_LIMIT_UNAVAILABLE",
                    "Requests cannot be admitted right now; retry shortly."));
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests; retry after " + verdict.retryAfterSeconds() + " s."));
    }

    private static String user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getSubject() : null;
    }
}

package com.orderplatform.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.error.Problems;
import com.orderplatform.infra.ratelimit.RateLimitFilter;
import com.orderplatform.infra.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    public static final String ROLES_CLAIM = "roles";
    /** The methods the firewall lets through; TRACE and unknown ones are refused as 405. */
    private static final List<String> STANDARD_METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Where the payment provider sends its webhooks: authenticated by their signature, not by a bearer token. */
    public static final String PAYMENT_WEBHOOK = "/api/payments/webhook";
    /** The longest user id the tables keep ({@code user_id varchar(64)}). */
    public static final int MAX_SUBJECT_LENGTH = 64;

    /**
     * Authentication for every endpoint but health, info and dev tokens; which role may use an endpoint is declared on
     * the endpoint itself ({@link AdminOnly}, {@link CustomerOnly}). The actuator's endpoints are infrastructure's
     * own and stay admin-only here.
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, ObjectProvider<RateLimiter> rateLimiter,
                                    MeterRegistry meters) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> Problems.write(response, json,
                Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "A valid bearer token is required."));
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, json, Problems.forbidden());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/dashboard", "/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/dev/tokens").permitAll()
                        // Signed by the payment provider, and checked by its endpoint before anything is read.
                        .requestMatchers(HttpMethod.POST, PAYMENT_WEBHOOK).permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        rateLimiter.ifAvailable(limiter -> http.addFilterAfter(new RateLimitFilter(limiter, json, meters),
                BearerTokenAuthenticationFilter.class));
        return http.build();
    }

    /**
     * Spring Security's firewall refuses a request whose URL or headers could be read two ways ({@code %2E%2E},
     * {@code ;x=1}, {@code //}, a header value that is not ISO-8859-1): a 400 problem like every other bad request;
     * one whose method is none of {@link #STANDARD_METHODS} (TRACE, made-up ones): a 405 saying which are.
     */
    @Bean
    RequestRejectedHandler requestRejected(ObjectMapper json) {
        return (request, response, rejected) -> {
            if (!STANDARD_METHODS.contains(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", STANDARD_METHODS));
                Problems.write(response, json, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        "Method " + (request.getMethod().length() <= 16 ? request.getMethod() : "?") + " is not served."));
                return;
            }
            Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                    "The request's URL or headers are not allowed here."));
        };
    }

    /**
     * Spring Security's own observations off, not only their recording: with any of them on, every filter of the chain
     * is wrapped in an observation on every request (a tenth of an authenticated no-op's CPU, docs/benchmarks.md).
     * {@code http.server.requests} stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Failed authentications are published as events (for whoever audits them); successful ones are not: every API
     * request authenticates, and an event per request that nothing listens to cost a lookup of listeners each time.
     */
    @Bean
    AuthenticationEventPublisher authenticationEvents(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher failures = new DefaultAuthenticationEventPublisher(events);
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {
            }

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                failures.publishAuthenticationFailure(exception, authentication);
            }
        };
    }

    /**
     * The default firewall, with its check of header and parameter names and values (every character assigned in
     * Unicode and not a control character) written as a loop instead of the same rule as a regular expression, which
     * matched every header of every request (about 4 % of an authenticated no-op's CPU).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(SecurityConfiguration::assignedAndNotControl);
        firewall.setAllowedHeaderValues(SecurityConfiguration::assignedAndNotControl);
        firewall.setAllowedParameterNames(SecurityConfiguration::assignedAndNotControl);
        firewall.setAllowedParameterValues(value -> true);
        return firewall;
    }

    /** The firewall's default rule, {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, without a regular expression. */
    static boolean assignedAndNotControl(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
        NimbusJwtDecoder decoder;
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        } else {
            decoder = NimbusJwtDecoder.withSecretKey(hmacKey(properties)).macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, SecurityConfiguration::usableSubject)));
        return properties.verifiedTokens() > 0
                ? new RememberingJwtDecoder(decoder, properties.verifiedTokens(), clock)
                : decoder;
    }

    /**
     * Every request acts for someone: a token without a subject, or with one no user id can be (blank, longer than the
     * {@value #MAX_SUBJECT_LENGTH} characters the tables keep, control characters), is refused like a forged one.
     */
    static boolean usableSubject(Object subject) {
        return subject instanceof String id && !id.isBlank() && id.length() <= MAX_SUBJECT_LENGTH
                && id.chars().noneMatch(Character::isISOControl);
    }

    static SecretKeySpec hmacKey(SecurityProperties properties) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(
                    "Set orders.security.jwk-set-uri, or orders.security.jwt-secret with at least 32 bytes");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}

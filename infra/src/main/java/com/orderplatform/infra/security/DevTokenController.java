package com.orderplatform.infra.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Mints tokens for the local default only; the profile guard means no other deployment has this endpoint. */
@RestController
@Profile("local")
public class DevTokenController {

    private final SecurityProperties properties;
    private final HmacTokens tokens;

    public DevTokenController(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.tokens = HmacTokens.of(properties, clock).orElseThrow(() -> new IllegalStateException(
                "the local profile mints dev tokens: set orders.security.jwt-secret"));
    }

    @PostMapping(path = "/api/dev/tokens", consumes = "application/json")
    public Map<String, String> mint(@Valid @RequestBody TokenRequest request) {
        return Map.of("token", tokens.mint(request.userId(), request.roles(), properties.devTokenTtl()));
    }

    public record TokenRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String userId,
            @NotEmpty List<@NotNull @Pattern(regexp = "CUSTOMER|ADMIN") String> roles) {
    }
}

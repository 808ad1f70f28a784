package com.orderplatform.infra.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
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
    private final Clock clock;

    public DevTokenController(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/api/dev/tokens", consumes = "application/json")
    public Map<String, String> mint(@Valid @RequestBody TokenRequest request) throws JOSEException {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(request.userId())
                .issuer(properties.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.devTokenTtl())))
                .claim(SecurityConfiguration.ROLES_CLAIM, request.roles())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SecurityConfiguration.hmacKey(properties).getEncoded()));
        return Map.of("token", jwt.serialize());
    }

    public record TokenRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String userId,
            @NotEmpty List<@NotNull @Pattern(regexp = "CUSTOMER|ADMIN") String> roles) {
    }
}

package com.orderplatform.infra.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/** One line at start-up saying that this is the local development profile, which mints tokens for anyone. */
@Profile("local")
public class LocalProfileNotice {

    private static final Logger log = LoggerFactory.getLogger(LocalProfileNotice.class);

    private final Environment environment;

    public LocalProfileNotice(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        log.warn("Local development profile: POST /api/dev/tokens mints tokens for anyone; listening on {}:{} only "
                        + "(server.address changes it). Never expose this profile.",
                environment.getProperty("server.address", "every address"), event.getWebServer().getPort());
    }
}

package com.orderplatform.infra.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest authenticated request the application answers: the load tool's {@code ceiling} scenario measures the
 * web stack (server, security, JWT) with it, to compare order placement against.
 */
@RestController
class PingController {

    @GetMapping("/api/ping")
    ResponseEntity<Void> ping() {
        return ResponseEntity.noContent().build();
    }
}

package com.orderplatform.query.order;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live dashboard page. The page itself holds no data and is served to anyone; everything it shows comes from
 * the admin endpoints, called with the bearer token the operator signs in with.
 */
@RestController
class DashboardPageController {

    private static final Resource PAGE = new ClassPathResource("dashboard/index.html");

    @GetMapping(path = "/dashboard", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(PAGE);
    }
}

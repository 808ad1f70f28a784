package com.orderplatform.command.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code refreshAfter}: placement prices from memory; a price changed through another instance is used within this. */
@ConfigurationProperties("orders.catalog")
public record CatalogProperties(@DefaultValue("1s") Duration refreshAfter) {
}

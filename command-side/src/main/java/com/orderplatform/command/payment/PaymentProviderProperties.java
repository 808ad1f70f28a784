package com.orderplatform.command.payment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment provider over HTTP. {@code url}, {@code apiKey}: where it is and how we authenticate to it;
 * {@code webhookSecret}: what its webhooks are signed with, {@code webhookTolerance}: how old a signed webhook may be
 * (older ones are refused as replays); {@code connectTimeout}, {@code readTimeout}: per call (the payment timeout of
 * {@link PaymentProperties} bounds the whole charge). {@code registerWebhook}: at start, register this instance's
 * webhook address ({@code webhookUrl}, or its own {@code /api/payments/webhook}) with the provider — the local
 * recipes do; in production the endpoint is configured at the provider once, for the load balancer's address.
 * {@code embedded}: start the project's provider simulator in this process on {@code port} (0: a free one), its
 * record in {@code dataDir}, and talk to it instead of {@code url} (the local default).
 */
@ConfigurationProperties("orders.payment.provider")
public record PaymentProviderProperties(
        @DefaultValue("http://127.0.0.1:8090") URI url,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("5m") Duration webhookTolerance,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("false") boolean registerWebhook,
        String webhookUrl,
        @DefaultValue Embedded embedded) {

    public record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("0") int port,
                           @DefaultValue("data/payment-provider") Path dataDir) {
    }
}

package com.orderplatform.command.payment;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Registers this instance's webhook address with the provider once its port is known (the local recipes; in
 * production the endpoint is set up at the provider once). A provider not reachable yet is asked again every five
 * seconds until it answers.
 */
class WebhookRegistration implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);
    private static final long RETRY_SECONDS = 5;

    private final HttpPaymentGateway provider;
    private final String configuredUrl;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-registration");
        thread.setDaemon(true);
        return thread;
    });

    WebhookRegistration(HttpPaymentGateway provider, String configuredUrl) {
        this.provider = provider;
        this.configuredUrl = configuredUrl;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return; // the management server's own event
        }
        String url = configuredUrl != null && !configuredUrl.isBlank() ? configuredUrl
                : "http://127.0.0.1:" + event.getWebServer().getPort() + PaymentWebhookController.PATH;
        retries.execute(() -> register(url));
    }

    private void register(String url) {
        try {
            provider.registerWebhook(url);
            log.info("Payment provider webhooks go to {}", url);
        } catch (RuntimeException e) {
            log.warn("Could not register the webhook address {} with the payment provider ({}); again in {} s", url,
                    e.toString(), RETRY_SECONDS);
            retries.schedule(() -> register(url), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}

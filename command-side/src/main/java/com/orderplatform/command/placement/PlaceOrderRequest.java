package com.orderplatform.command.placement;

import com.orderplatform.api.inventory.Skus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Item> items,
        @NotBlank @Size(max = 64) String paymentMethod) {

    static final long MAX_QUANTITY = 1000;

    record Item(
            @NotBlank @Pattern(regexp = Skus.PATTERN) String sku,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }

    /** Identifies the request for its Idempotency-Key: the same items, in the same order, and the same method. */
    String fingerprint() {
        StringBuilder canonical = new StringBuilder("POST /api/orders\n");
        items.forEach(item -> canonical.append(item.sku()).append('\t').append(item.quantity()).append('\n'));
        canonical.append(paymentMethod);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

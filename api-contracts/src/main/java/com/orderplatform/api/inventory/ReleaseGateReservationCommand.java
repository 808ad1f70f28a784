package com.orderplatform.api.inventory;

import java.util.List;

/** Gives the Redis gate back what a cancelled order took at ingress; a no-op when it took nothing. */
public record ReleaseGateReservationCommand(String orderId, List<String> skus) {
}

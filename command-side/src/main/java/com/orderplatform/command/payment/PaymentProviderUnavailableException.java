package com.orderplatform.command.payment;

import java.io.IOException;

/** The provider answered that it did not process the request (503 {@code unavailable}): nothing was charged. */
class PaymentProviderUnavailableException extends IOException {

    PaymentProviderUnavailableException(String message) {
        super(message);
    }
}

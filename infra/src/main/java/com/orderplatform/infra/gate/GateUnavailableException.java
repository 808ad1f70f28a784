package com.orderplatform.infra.gate;

public class GateUnavailableException extends RuntimeException {

    public GateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

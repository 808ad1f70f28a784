package com.orderplatform.infra.ids;

public class IdGenerationUnavailableException extends RuntimeException {

    public IdGenerationUnavailableException(String message) {
        super(message);
    }
}

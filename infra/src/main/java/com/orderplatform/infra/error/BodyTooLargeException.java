package com.orderplatform.infra.error;

import java.io.IOException;

public class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}

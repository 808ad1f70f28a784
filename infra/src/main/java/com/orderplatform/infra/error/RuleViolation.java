package com.orderplatform.infra.error;

import org.springframework.http.HttpStatus;

/** A request that breaks a business rule; carries the stable {@code code} clients match on. */
public class RuleViolation extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    private RuleViolation(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail);
    }

    public static RuleViolation forbidden(String code, String detail) {
        return new RuleViolation(HttpStatus.FORBIDDEN, code, detail);
    }

    public static RuleViolation notFound(String code, String detail) {
        return new RuleViolation(HttpStatus.NOT_FOUND, code, detail);
    }

    public static RuleViolation invalid(String code, String detail) {
        return new RuleViolation(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static RuleViolation unprocessable(String code, String detail) {
        return new RuleViolation(HttpStatus.UNPROCESSABLE_ENTITY, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}

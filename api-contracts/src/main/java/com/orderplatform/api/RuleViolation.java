package com.orderplatform.api;

/**
 * A command or query that breaks a business rule: what kind of refusal it is, and the stable {@code code} clients
 * match on. The domain says which rule was broken; the web edge alone decides the HTTP status of each kind.
 */
public class RuleViolation extends RuntimeException {

    /** The kinds of refusal a dispatcher can get back. */
    public enum Kind {
        /** The request itself is malformed. */
        INVALID,
        /** The caller may not do this. */
        FORBIDDEN,
        /** No such thing, or not visible to the caller. */
        NOT_FOUND,
        /** The thing is not in a state that allows this. */
        CONFLICT,
        /** Well-formed, but its content cannot be accepted. */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;

    private RuleViolation(Kind kind, String code, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static RuleViolation invalid(String code, String detail) {
        return new RuleViolation(Kind.INVALID, code, detail);
    }

    public static RuleViolation forbidden(String code, String detail) {
        return new RuleViolation(Kind.FORBIDDEN, code, detail);
    }

    public static RuleViolation notFound(String code, String detail) {
        return new RuleViolation(Kind.NOT_FOUND, code, detail);
    }

    public static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(Kind.CONFLICT, code, detail);
    }

    public static RuleViolation unprocessable(String code, String detail) {
        return new RuleViolation(Kind.UNPROCESSABLE, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}

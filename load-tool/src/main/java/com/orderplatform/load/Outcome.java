package com.orderplatform.load;

/** How the platform answered one request. */
public enum Outcome {
    ACCEPTED, REJECTED, THROTTLED, SERVER_ERROR, OTHER;

    public static Outcome of(int status) {
        if (status == 202 || status == 200 || status == 204) {
            return ACCEPTED;
        }
        if (status == 409) {
            return REJECTED;
        }
        if (status == 429) {
            return THROTTLED;
        }
        return status >= 500 ? SERVER_ERROR : OTHER;
    }

    /** The name used in reports: the status class it stands for. */
    public String label() {
        return switch (this) {
            case ACCEPTED -> "2xx";
            case REJECTED -> "409";
            case THROTTLED -> "429";
            case SERVER_ERROR -> "5xx";
            case OTHER -> "other";
        };
    }
}

package com.orderplatform.api.order;

import jakarta.validation.constraints.NotBlank;

public record Actor(@NotBlank String userId, boolean admin) {

    public boolean mayActOnOrderOf(String ownerId) {
        return admin || userId.equals(ownerId);
    }
}

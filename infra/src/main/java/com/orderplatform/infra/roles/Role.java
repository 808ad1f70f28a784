package com.orderplatform.infra.roles;

public enum Role {
    COMMAND, SAGA, QUERY
}

-- Idempotency-Key answers, per user, kept at least 24 h (DESIGN §6). Redis holds a copy as the fast path.
create table idempotency_key (
    user_id           varchar(64)   not null,
    idem_key          varchar(100)  not null,
    request_hash      varchar(64)   not null,
    state             varchar(16)   not null,
    response_status   integer,
    response_type     varchar(100),
    response_location varchar(300),
    response_body     varchar(8000),
    created_at        timestamp(6) with time zone not null,
    primary key (user_id, idem_key)
);
create index ix_idempotency_key_created on idempotency_key (created_at);

-- The order saga's state, one row per order (it replaces Axon's saga_entry for this saga). The columns are what an
-- operator asks about; state holds the rest as JSON. step_since drives the charge deadline's sweep.
create table order_saga (
    order_id        varchar(20)   not null,
    step            varchar(24)   not null,
    step_since      timestamp(6) with time zone not null,
    pending_command varchar(64),
    state           varchar(8000) not null,
    version         bigint        not null,
    primary key (order_id)
);
create index ix_order_saga_step on order_saga (step, step_since);


-- PostgreSQL: the same schema as db/migration/h2 (same versions, so later migrations pair up), with Axon's @Lob
-- columns as bytea (ByteaPostgreSQLDialect maps them so) instead of H2's blob.
-- Axon Framework: event store, snapshots, tracking tokens, dead letters. (Axon's saga tables, created by H2's V1 and
-- dropped by its V4, are not created here: the order saga keeps its state in order_saga.)
create sequence domain_event_entry_seq start with 1 increment by 1;

create table domain_event_entry (
    global_index         bigint       not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea         not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    primary key (global_index),
    constraint uk_domain_event_aggregate_sequence unique (aggregate_identifier, sequence_number),
    constraint uk_domain_event_identifier unique (event_identifier)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea         not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    primary key (sequence_number, aggregate_identifier, type),
    constraint uk_snapshot_event_identifier unique (event_identifier)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    owner          varchar(255),
    timestamp      varchar(255) not null,
    token          bytea,
    token_type     varchar(255),
    primary key (processor_name, segment)
);

create table dead_letter_entry (
    dead_letter_id       varchar(255)  not null,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea          not null,
    meta_data            bytea,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamp(6) with time zone not null,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    primary key (dead_letter_id),
    constraint uk_dead_letter_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index ix_dead_letter_group on dead_letter_entry (processing_group);
create index ix_dead_letter_sequence on dead_letter_entry (processing_group, sequence_identifier);

-- db-scheduler: persistent saga deadlines.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            bytea,
    execution_time       timestamp(6) with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(50),
    last_success         timestamp(6) with time zone,
    last_failure         timestamp(6) with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp(6) with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_heartbeat on scheduled_tasks (last_heartbeat);

-- Command side: what order placement needs of each product.
create table catalog_product (
    sku            varchar(64)  not null,
    name           varchar(200) not null,
    price_cents    bigint       not null,
    currency       varchar(3)   not null,
    per_user_limit integer      not null,
    primary key (sku)
);

-- Query side: rebuildable projections.
create table order_view (
    order_id      varchar(20)   not null,
    user_id       varchar(64)   not null,
    status        varchar(16)   not null,
    cancel_reason varchar(32),
    items         varchar(4000) not null,
    total_cents   bigint        not null,
    currency      varchar(3)    not null,
    created_at    timestamp(6) with time zone not null,
    updated_at    timestamp(6) with time zone not null,
    last_sequence bigint        not null,
    primary key (order_id)
);
create index ix_order_view_user_created on order_view (user_id, created_at);
create index ix_order_view_status on order_view (status);

create table product_view (
    sku            varchar(64)  not null,
    name           varchar(200) not null,
    price_cents    bigint       not null,
    currency       varchar(3)   not null,
    per_user_limit integer      not null,
    available      bigint       not null,
    reserved       bigint       not null,
    sold           bigint       not null,
    last_sequence  bigint       not null,
    primary key (sku)
);

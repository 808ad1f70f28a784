-- When the order became PAID: the dashboard's paid-per-minute and place→paid latency.
alter table order_view add column paid_at timestamp(6) with time zone;
create index ix_order_view_paid_at on order_view (paid_at);
create index ix_order_view_created_at on order_view (created_at);

-- Where the views read events changed (the event store when this process takes orders, Kafka otherwise), and with it
-- the kind of position they keep: forget their positions and what they built, so they rebuild from the start.
delete from token_entry where processor_name in ('order-view', 'product-view');
delete from order_view;
delete from product_view;

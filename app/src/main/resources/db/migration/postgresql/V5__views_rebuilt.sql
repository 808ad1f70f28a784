-- On H2 this emptied the views of an installation from before V4; a PostgreSQL database starts at this schema.
select 1;

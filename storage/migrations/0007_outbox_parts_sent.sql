-- How many messages of a notification that takes several (a digest in parts, a report with
-- its files) went out already: a retry after a failure or a restart goes on from there
-- instead of sending the first ones again.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;

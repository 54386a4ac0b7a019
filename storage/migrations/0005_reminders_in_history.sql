-- A reminder is recorded once, in `reminders` (one row per assignee and slot, written by the
-- reminder scan in the transaction that queues it). It used to be written a second time as a
-- «reminded» event, the same fact in a table with two more indexes to keep: a morning's
-- thousands of reminders spent a third of their time there. The history of an assignment now
-- reads reminders from `reminders`; the copies go.
DELETE FROM events WHERE kind = 'reminded';

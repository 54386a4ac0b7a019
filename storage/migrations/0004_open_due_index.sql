-- The overdue list, the digest and their counts read open assignees by deadline (with their
-- person and assignment) from this index alone; it replaces the (status, deadline_date) index
-- that served the same queries with a range per status and a table lookup per row. The
-- condition must read exactly as the queries' own `status IN (...)` (storage/repos.py,
-- _OPEN_SQL) for SQLite to use a partial index.
DROP INDEX assignees_open_deadline;
CREATE INDEX assignees_open_due ON assignees(deadline_date, person_id, assignment_id)
    WHERE status IN ('in_progress','new','reported','returned');

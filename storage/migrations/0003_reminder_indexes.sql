-- The reminder scan reads only assignees still to act, by deadline or by snooze.
CREATE INDEX assignees_to_act_deadline ON assignees(deadline_date)
    WHERE status IN ('new', 'in_progress', 'returned');
CREATE INDEX assignees_snoozed ON assignees(snoozed_until) WHERE snoozed_until IS NOT NULL;

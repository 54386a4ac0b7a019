-- When each chat's form (FSM state) was entered, so that a form left unanswered for hours
-- expires instead of taking the next message as its answer.
ALTER TABLE fsm ADD COLUMN state_since TEXT;

-- Groups of people («Руководители ПОО»), and strings in protocols mapped to them.
CREATE TABLE groups (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE group_members (
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (group_id, person_id)
);

-- A responsible string as printed («руководители ИКТ-компаний») → the group it means.
CREATE TABLE aliases (
    alias_key  TEXT PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES people(id),
    created_at TEXT NOT NULL
);

ALTER TABLE people ADD COLUMN invite_expires_at TEXT;
ALTER TABLE people ADD COLUMN phone TEXT;

-- An assignee asks for a new deadline; the controller approves or declines.
CREATE TABLE deadline_requests (
    id          INTEGER PRIMARY KEY,
    assignee_id INTEGER NOT NULL REFERENCES assignees(id),
    requested_by INTEGER NOT NULL REFERENCES people(id),
    new_date    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by  INTEGER REFERENCES people(id),
    decided_at  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX deadline_requests_assignee ON deadline_requests(assignee_id, status);

CREATE INDEX events_assignee ON events(assignee_id, id);

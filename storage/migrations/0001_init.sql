-- People, their roles and Telegram links.
CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT NOT NULL,
    short_name        TEXT NOT NULL,
    position          TEXT,
    organisation      TEXT,
    telegram_id       INTEGER UNIQUE,
    telegram_username TEXT,
    invite_token      TEXT UNIQUE,
    unreachable_since TEXT,
    removed_at        TEXT,
    created_at        TEXT NOT NULL
);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role      TEXT NOT NULL
        CHECK (role IN ('admin', 'secretary', 'coordinator', 'controller', 'executor')),
    PRIMARY KEY (person_id, role)
);

CREATE TABLE protocols (
    id           INTEGER PRIMARY KEY,
    title        TEXT,
    number       TEXT,
    meeting_date TEXT,
    source_text  TEXT NOT NULL DEFAULT '',
    source_hash  TEXT,
    created_by   INTEGER REFERENCES people(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX protocols_source_hash ON protocols(source_hash);

CREATE TABLE assignments (
    id             INTEGER PRIMARY KEY,
    protocol_id    INTEGER REFERENCES protocols(id),
    item_number    TEXT,
    text           TEXT NOT NULL,
    deadline_date  TEXT,
    deadline_time  TEXT,
    deadline_kind  TEXT NOT NULL DEFAULT 'none',
    deadline_raw   TEXT NOT NULL DEFAULT '',
    recommendation INTEGER NOT NULL DEFAULT 0,
    controller_id  INTEGER REFERENCES people(id),
    created_by     INTEGER REFERENCES people(id),
    created_at     TEXT NOT NULL,
    cancelled_at   TEXT
);
CREATE INDEX assignments_protocol ON assignments(protocol_id);

CREATE TABLE assignees (
    id                INTEGER PRIMARY KEY,
    assignment_id     INTEGER NOT NULL REFERENCES assignments(id),
    person_id         INTEGER NOT NULL REFERENCES people(id),
    status            TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'reported', 'accepted', 'returned', 'cancelled')),
    status_changed_at TEXT NOT NULL,
    -- Copied from the assignment so that the reminder scan and the lists use one index.
    deadline_date     TEXT,
    snoozed_until     TEXT,
    last_reminder_on  TEXT,
    card_chat_id      INTEGER,
    card_message_id   INTEGER,
    UNIQUE (assignment_id, person_id)
);
CREATE INDEX assignees_open_deadline ON assignees(status, deadline_date);
CREATE INDEX assignees_person ON assignees(person_id, status);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    assignee_id INTEGER NOT NULL REFERENCES assignees(id),
    author_id   INTEGER NOT NULL REFERENCES people(id),
    kind        TEXT NOT NULL CHECK (kind IN ('report', 'done')),
    text        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX reports_assignee ON reports(assignee_id);

CREATE TABLE report_files (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('document', 'photo')),
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL,
    file_name      TEXT,
    mime_type      TEXT,
    file_size      INTEGER
);

-- Every change, who made it and when.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_id      INTEGER REFERENCES people(id),
    assignment_id INTEGER REFERENCES assignments(id),
    assignee_id   INTEGER REFERENCES assignees(id),
    kind          TEXT NOT NULL,
    details       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_assignment ON events(assignment_id, id);

-- One row per reminder slot: the unique pair makes a second scan a no-op.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    assignee_id INTEGER NOT NULL REFERENCES assignees(id),
    slot_date   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (assignee_id, slot_date)
);

-- Every message to a third person goes through here.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER REFERENCES people(id),
    chat_id     INTEGER,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}',
    dedupe_key  TEXT NOT NULL UNIQUE,
    not_before  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    failed_at   TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX outbox_pending ON outbox(not_before) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Previews waiting for «Сохранить»: kept in the database so a restart loses none.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    author_id   INTEGER NOT NULL REFERENCES people(id),
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    closed_at   TEXT
);

-- aiogram FSM state, so a conversation survives a restart.
CREATE TABLE fsm (
    key   TEXT PRIMARY KEY,
    state TEXT,
    data  TEXT NOT NULL DEFAULT '{}'
);

-- 006: step 4, sales & operations planning: the product groups with their
-- average price, capacity unit and department; the demand/capacity cells
-- per month and group; the decisions per gap; the meeting record.
CREATE TABLE sop_groups (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    price          INTEGER,
    capacity_unit  TEXT NOT NULL DEFAULT 'units',
    hours_per_unit INTEGER NOT NULL DEFAULT 0,
    department     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX sop_groups_plan ON sop_groups(plan_id);

CREATE TABLE sop_cells (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    group_name TEXT NOT NULL,
    month      TEXT NOT NULL,
    demand     INTEGER,
    capacity   INTEGER,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX sop_cells_plan ON sop_cells(plan_id);

CREATE TABLE sop_decisions (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    position   INTEGER NOT NULL,
    group_name TEXT NOT NULL,
    month      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    target_cut INTEGER NOT NULL DEFAULT 0,
    shift_to   TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX sop_decisions_plan ON sop_decisions(plan_id);

CREATE TABLE sop_meetings (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    meeting_date TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '[]',
    notes        TEXT NOT NULL DEFAULT '',
    sign_off     TEXT NOT NULL DEFAULT 'draft',
    signed_by    TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX sop_meetings_plan ON sop_meetings(plan_id) WHERE deleted_at IS NULL;

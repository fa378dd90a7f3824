-- 002: step content of the situation (SWOT) and objectives steps.
CREATE TABLE swot_items (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    quadrant   TEXT NOT NULL CHECK (quadrant IN ('S', 'W', 'O', 'T')),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    impact     INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX swot_items_plan ON swot_items(plan_id);

CREATE TABLE objectives (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    metric         TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    baseline       INTEGER,
    target         INTEGER,
    deadline       TEXT NOT NULL DEFAULT '',
    owner          TEXT NOT NULL DEFAULT '',
    revenue_target INTEGER NOT NULL DEFAULT 0,
    swot_links     TEXT NOT NULL DEFAULT '[]',
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX objectives_plan ON objectives(plan_id);

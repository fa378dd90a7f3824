-- 006: step 5, the sales budget: its settings (revenue source, budgeted
-- attainment, gross margin) and the expense lines the user types.
CREATE TABLE budget_settings (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    revenue_source TEXT NOT NULL DEFAULT 'forecast',
    attainment_bp  INTEGER NOT NULL DEFAULT 10000,
    margin_bp      INTEGER NOT NULL DEFAULT 3500,
    group_margins  TEXT NOT NULL DEFAULT '[]',
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE UNIQUE INDEX budget_settings_plan ON budget_settings(plan_id) WHERE deleted_at IS NULL;

CREATE TABLE budget_lines (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'other',
    name       TEXT NOT NULL,
    annual     INTEGER NOT NULL DEFAULT 0,
    spread     TEXT NOT NULL DEFAULT 'even',
    months     TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX budget_lines_plan ON budget_lines(plan_id);

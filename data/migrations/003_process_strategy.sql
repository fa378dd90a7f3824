-- 003: the sales process map (step 1) and the strategy step: initiatives
-- and the incentive scheme.
ALTER TABLE plans ADD COLUMN process_period TEXT NOT NULL DEFAULT '';

CREATE TABLE process_stages (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    volume       INTEGER NOT NULL DEFAULT 0 CHECK (volume >= 0),
    avg_days     REAL NOT NULL DEFAULT 0 CHECK (avg_days >= 0),
    benchmark_bp INTEGER,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX process_stages_plan ON process_stages(plan_id);

CREATE TABLE initiatives (
    id              TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL REFERENCES plans(id),
    position        INTEGER NOT NULL,
    description     TEXT NOT NULL,
    owner           TEXT NOT NULL DEFAULT '',
    start_month     TEXT NOT NULL DEFAULT '',
    end_month       TEXT NOT NULL DEFAULT '',
    cost            INTEGER NOT NULL DEFAULT 0,
    effect          TEXT NOT NULL DEFAULT '',
    objective_links TEXT NOT NULL DEFAULT '[]',
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX initiatives_plan ON initiatives(plan_id);

CREATE TABLE incentive_schemes (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    base_bp    INTEGER NOT NULL DEFAULT 0,
    tiers      TEXT NOT NULL DEFAULT '[]',
    bonus      INTEGER NOT NULL DEFAULT 0,
    cap        INTEGER,
    reps       INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX incentive_schemes_plan ON incentive_schemes(plan_id);

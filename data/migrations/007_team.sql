-- 007: step 6, part 1, the sales team's people: the competency framework,
-- the open positions, the roster (reps and candidates with their ratings,
-- stage and onboarding checklist), the onboarding template and the
-- training plan.
CREATE TABLE team_competencies (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    required   INTEGER NOT NULL DEFAULT 3,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX team_competencies_plan ON team_competencies(plan_id);

CREATE TABLE team_positions (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    region     TEXT NOT NULL DEFAULT '',
    month      TEXT NOT NULL,
    profile    TEXT NOT NULL DEFAULT '[]',
    cost       INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX team_positions_plan ON team_positions(plan_id);

CREATE TABLE team_reps (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    region       TEXT NOT NULL DEFAULT '',
    level        TEXT NOT NULL DEFAULT 'experienced',
    status       TEXT NOT NULL DEFAULT 'active',
    hire_date    TEXT NOT NULL DEFAULT '',
    leave_date   TEXT NOT NULL DEFAULT '',
    monthly_cost INTEGER NOT NULL DEFAULT 0,
    ratings      TEXT NOT NULL DEFAULT '{}',
    stage        TEXT NOT NULL DEFAULT '',
    position_ids TEXT NOT NULL DEFAULT '[]',
    onboarding   TEXT NOT NULL DEFAULT '[]',
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX team_reps_plan ON team_reps(plan_id);

CREATE TABLE team_onboarding_items (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    due_days     INTEGER NOT NULL DEFAULT 0,
    due_days_new INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX team_onboarding_items_plan ON team_onboarding_items(plan_id);

CREATE TABLE team_trainings (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    position   INTEGER NOT NULL,
    topic      TEXT NOT NULL,
    competency TEXT NOT NULL DEFAULT '',
    month      TEXT NOT NULL,
    attendees  TEXT NOT NULL DEFAULT '[]',
    cost       INTEGER NOT NULL DEFAULT 0,
    done       INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX team_trainings_plan ON team_trainings(plan_id);

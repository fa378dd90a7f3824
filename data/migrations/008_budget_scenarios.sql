-- 008: step 5, the sales budget: the scenarios the user defines (a revenue
-- change and an expense change in basis points) and the scenario chosen as
-- the plan's budget ("base", "optimistic", "pessimistic", or "custom": the
-- user's scenario whose chosen flag is set).
ALTER TABLE budget_settings ADD COLUMN scenario TEXT NOT NULL DEFAULT '';

CREATE TABLE budget_scenarios (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    revenue_bp  INTEGER NOT NULL DEFAULT 0,
    expense_bp  INTEGER NOT NULL DEFAULT 0,
    chosen      INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX budget_scenarios_plan ON budget_scenarios(plan_id);

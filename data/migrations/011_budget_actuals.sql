-- 011: step 5, the sales budget: the actual expenses recorded per budget
-- line and plan month (typed on the page or imported with `salesplan import
-- expenses`). line_key is the budget line's key (a typed line's ID, or
-- "incentives", "team/team-salaries"… for the lines other steps contribute);
-- line_name keeps the line's name as it was when the amount was recorded.
-- These rows are the period's actuals: they are not copied to the next
-- period's plan.
CREATE TABLE budget_actuals (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    line_key    TEXT NOT NULL,
    line_name   TEXT NOT NULL DEFAULT '',
    month       TEXT NOT NULL,
    amount      INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX budget_actuals_plan ON budget_actuals(plan_id);

-- 010: step 6, part 2, monitoring the team: the activity log (visits,
-- calls, contacts, proposals and orders per rep and day, optionally with
-- the customer, the product group and the amount) and the customers'
-- ratings of the reps (opinion polls on a 1–5 or 0–10 scale). Both record
-- what happened, so copying a plan to the next period leaves them behind.
CREATE TABLE team_activities (
    id            TEXT PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans(id),
    rep_ids       TEXT NOT NULL DEFAULT '[]',
    date          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    count         INTEGER NOT NULL DEFAULT 0,
    customer      TEXT NOT NULL DEFAULT '',
    product_group TEXT NOT NULL DEFAULT '',
    amount        INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX team_activities_plan ON team_activities(plan_id);

CREATE TABLE team_polls (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    rep_ids     TEXT NOT NULL DEFAULT '[]',
    date        TEXT NOT NULL,
    customer    TEXT NOT NULL DEFAULT '',
    scale       INTEGER NOT NULL DEFAULT 5,
    rating      INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX team_polls_plan ON team_polls(plan_id);

-- A quota can be fixed month by month (index = plan month, -1 = computed).
ALTER TABLE team_quotas ADD COLUMN month_fixed TEXT NOT NULL DEFAULT '[]';

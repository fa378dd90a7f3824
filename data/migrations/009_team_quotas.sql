-- 009: step 6, part 2, the quotas: one row per rep whose quota settings
-- differ from the computed defaults — the months to full productivity,
-- an entered region potential (when the history has none) and a fixed
-- annual quota. (005–008 belong to other steps.)
CREATE TABLE team_quotas (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    position    INTEGER NOT NULL,
    rep_ids     TEXT NOT NULL DEFAULT '[]',
    ramp_months INTEGER NOT NULL DEFAULT -1,
    potential   INTEGER NOT NULL DEFAULT 0,
    fixed       INTEGER NOT NULL DEFAULT 0,
    annual      INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX team_quotas_plan ON team_quotas(plan_id);

-- 004: tombstones and one incentive scheme per plan. Emptying the Trash
-- no longer deletes rows: a purged plan keeps its ID and deleted_at, its
-- text is cleared and purged_at set, so another device can learn that it
-- was deleted.
ALTER TABLE plans ADD COLUMN purged_at TEXT;

-- Keep only the newest live scheme of each plan, then enforce it.
UPDATE incentive_schemes SET deleted_at = updated_at
WHERE deleted_at IS NULL AND id NOT IN (
    SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY plan_id ORDER BY updated_at DESC, id DESC) AS rn
        FROM incentive_schemes WHERE deleted_at IS NULL
    ) WHERE rn = 1
);
CREATE UNIQUE INDEX incentive_schemes_one_live ON incentive_schemes(plan_id) WHERE deleted_at IS NULL;

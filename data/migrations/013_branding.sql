-- 013: the plan's branding for the PDF a client receives: the logo (PNG or
-- JPEG, base64), the primary colour (#RRGGBB), who prepared the plan for
-- whom and a confidentiality line. One live row per plan. (010–012 belong
-- to other issues.)
CREATE TABLE plan_branding (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    logo         TEXT NOT NULL DEFAULT '',
    logo_name    TEXT NOT NULL DEFAULT '',
    color        TEXT NOT NULL DEFAULT '',
    prepared_by  TEXT NOT NULL DEFAULT '',
    prepared_for TEXT NOT NULL DEFAULT '',
    confidential TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX plan_branding_plan ON plan_branding(plan_id) WHERE deleted_at IS NULL;

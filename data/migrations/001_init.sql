-- 001: the workspace: businesses, plans, sales history with monthly roll-ups,
-- settings. Plan content rows carry a UUID, updated_at and deleted_at so
-- that plans can be exchanged and merged between devices later.
PRAGMA application_id = 1397771342; -- 'SPLN'

CREATE TABLE businesses (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    currency    TEXT NOT NULL,
    is_demo     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE plans (
    id             TEXT PRIMARY KEY,
    business_id    TEXT NOT NULL REFERENCES businesses(id),
    title          TEXT NOT NULL,
    start_month    TEXT NOT NULL,
    months         INTEGER NOT NULL CHECK (months BETWEEN 1 AND 60),
    currency       TEXT NOT NULL,
    locale         TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL DEFAULT '',
    products       TEXT NOT NULL DEFAULT '',
    markets        TEXT NOT NULL DEFAULT '',
    scope_groups   TEXT NOT NULL DEFAULT '[]',
    scope_regions  TEXT NOT NULL DEFAULT '[]',
    is_demo        INTEGER NOT NULL DEFAULT 0,
    last_step      TEXT NOT NULL DEFAULT 'overview',
    last_opened_at TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX plans_business ON plans(business_id);

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_batches_business ON import_batches(business_id, sha256);

-- Names used in the history (products, groups, regions, customers,
-- salespeople, channels), so that history rows hold small integers.
-- kind: 1 product, 2 product group, 3 region, 4 customer, 5 salesperson,
-- 6 channel.
CREATE TABLE sales_names (
    id          INTEGER PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    kind        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    UNIQUE (business_id, kind, name)
);

-- History rows: no UUID (rowid + batch + source line identify them); the
-- business is the batch's; day is YYYYMMDD as an integer; the text fields
-- point into sales_names. This keeps rows small and imports fast.
CREATE TABLE sales (
    id            INTEGER PRIMARY KEY,
    batch_id      INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    source_line   INTEGER NOT NULL,
    day           INTEGER NOT NULL,
    amount        INTEGER NOT NULL,
    quantity      REAL NOT NULL DEFAULT 0,
    product       INTEGER NOT NULL,
    product_group INTEGER NOT NULL,
    region        INTEGER NOT NULL,
    customer      INTEGER NOT NULL,
    salesperson   INTEGER NOT NULL,
    channel       INTEGER NOT NULL
);
CREATE INDEX sales_batch_day ON sales(batch_id, day);

-- Monthly roll-ups kept consistent with sales in the same transaction;
-- charts and summaries read these.
CREATE TABLE sales_monthly (
    business_id   TEXT NOT NULL,
    month         TEXT NOT NULL,
    product_group TEXT NOT NULL,
    region        TEXT NOT NULL,
    salesperson   TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    quantity      REAL NOT NULL,
    rows          INTEGER NOT NULL,
    PRIMARY KEY (business_id, month, product_group, region, salesperson)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- 012: working together offline. Each workspace is a device with its own
-- ID and hybrid logical clock; every synced row (businesses, plans and every
-- declared content table, whatever migration created it) has one record in
-- sync_rows with the version (clock + device) of each of its fields and
-- its fractional position key, kept by the store's generic write paths.
-- Rows of existing workspaces get their records on the first write or
-- sync (they are adopted as this device's).
CREATE TABLE sync_device (
    device_id   TEXT PRIMARY KEY,
    hlc         INTEGER NOT NULL DEFAULT 0, -- the newest clock value given out or seen
    seq         INTEGER NOT NULL DEFAULT 0, -- the newest local change number
    written_seq INTEGER NOT NULL DEFAULT 0, -- local changes up to here are in the sync folder
    folder_id   TEXT NOT NULL DEFAULT ''    -- that folder (another folder gets everything again)
);
INSERT INTO sync_device (device_id) VALUES (lower(hex(randomblob(8))));

CREATE TABLE sync_rows (
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    plan_id TEXT NOT NULL DEFAULT '',
    grp     TEXT NOT NULL DEFAULT '',
    pos_key TEXT NOT NULL DEFAULT '',
    fields  TEXT NOT NULL DEFAULT '', -- one line per field: column, version, base version, value hash
    seq     INTEGER NOT NULL DEFAULT 0, -- local change number of the newest local change
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;
CREATE INDEX sync_rows_seq ON sync_rows(seq);
CREATE INDEX sync_rows_order ON sync_rows(tbl, plan_id, grp, pos_key, row_id);

-- What each table looked like (row count, newest updated_at) when its
-- changes were last recorded in full, so that a sync round scans only the
-- tables changed since by a write outside the generic paths.
CREATE TABLE sync_scan (
    tbl         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
) WITHOUT ROWID;

-- Rows received that cannot be applied yet (their plan or table is not
-- here yet); retried on every sync.
CREATE TABLE sync_pending (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    data   TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- Change files already applied (by content hash) and the files this device
-- wrote; devices seen in the folder.
CREATE TABLE sync_files (
    sha256     TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    device     TEXT NOT NULL,
    rows       INTEGER NOT NULL DEFAULT 0,
    applied_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_peers (
    device    TEXT PRIMARY KEY,
    files     INTEGER NOT NULL DEFAULT 0,
    last_seen TEXT NOT NULL
) WITHOUT ROWID;

-- History batches known to be in the sync folder (written or read).
CREATE TABLE sync_history (
    business_id TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (business_id, sha256)
) WITHOUT ROWID;

-- Edits of the same field made on two devices that had not seen each
-- other's: the value that lost, restorable.
CREATE TABLE sync_conflicts (
    id          TEXT PRIMARY KEY,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    plan_id     TEXT NOT NULL DEFAULT '',
    col         TEXT NOT NULL,
    lost_value  TEXT NOT NULL, -- JSON
    lost_ver    TEXT NOT NULL,
    won_value   TEXT NOT NULL, -- JSON
    won_ver     TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_at TEXT
);

package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"salesplan/app"
)

// Settings the sync folder keeps in the workspace.
const (
	SettingSyncFolder  = "sync.folder"
	SettingSyncKeyFile = "sync.key_file"
	settingSyncLast    = "sync.last"
)

// SyncOptions says where and how to sync.
type SyncOptions struct {
	Folder string // the folder a file-sync engine shares between the devices
	Key    []byte // the team key; nil for none
}

// SkippedFile is a file of the folder a sync could not read, and why.
type SkippedFile struct {
	Name   string
	Reason string
	Retry  bool // it may be complete later (still being copied)
}

// SyncReport says what one sync round did.
type SyncReport struct {
	Device    string
	Wrote     []string // files written to the folder
	Read      []string // files read and applied
	Merge     MergeStats
	Batches   int // history batches added
	Skipped   []SkippedFile
	Notes     []string // things the user should know (a device ID renewed)
	Devices   int      // other devices seen in the folder, ever
	Waiting   int64    // local changes not yet in the folder
	Conflicts int      // open conflicts
}

var (
	changeFileRE  = regexp.MustCompile(`^salesplan-([0-9a-f]{16})-([0-9]{6,12})\.changes$`)
	historyFileRE = regexp.MustCompile(`^salesplan-history-[0-9a-f]{32}\.history$`)
	conflictRE    = regexp.MustCompile(`(?i)sync-conflict|conflicted copy|conflict`)
)

const folderFile = "salesplan-folder.json"

// maxChangeFileBytes is the largest change file a sync reads.
const maxChangeFileBytes = 512 << 20

type folderInfo struct {
	Format string `json:"format"`
	Folder string `json:"folder"`
}

// ReadKeyFile reads a team key file: at least 16 bytes of secret (a
// trailing newline is not part of it).
func ReadKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot read the team key file %s. Check its name and that you may read it.", path), Err: err}
	}
	k := []byte(strings.TrimRight(string(b), "\r\n"))
	if len(k) < 16 {
		return nil, app.Errorf(app.ErrInvalid, "The team key in %s is too short (%d bytes); it needs at least 16. Make one with: head -c 32 /dev/urandom | base64 > %s", path, len(k), path)
	}
	return k, nil
}

// folderIDs reads (or, in a new folder, creates) the folder's identity:
// the IDs change files of this folder may carry (a sync engine may have
// made conflict copies of the identity file when two devices started at
// once; all their IDs count) and the one to write.
func folderIDs(dir string) (map[string]bool, string, error) {
	ids := map[string]bool{}
	var main, first string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, "salesplan-folder") || !strings.HasSuffix(n, ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			continue
		}
		var fi folderInfo
		if json.Unmarshal(b, &fi) != nil || fi.Format != "salesplan-sync-folder" || !idRE.MatchString(fi.Folder) {
			continue
		}
		ids[fi.Folder] = true
		if n == folderFile {
			main = fi.Folder
		}
		if first == "" || fi.Folder < first {
			first = fi.Folder
		}
	}
	if main == "" {
		main = first
	}
	if main == "" {
		main = NewID()
		b, _ := json.Marshal(folderInfo{Format: "salesplan-sync-folder", Folder: main})
		err := writeFileAtomically(filepath.Join(dir, folderFile), func(w io.Writer) error { _, err := w.Write(b); return err })
		if err != nil {
			var ae *app.Error
			if errors.As(err, &ae) && ae.Code == app.ErrConflict {
				return folderIDs(dir) // another device was quicker
			}
			return nil, "", err
		}
		ids[main] = true
	}
	return ids, main, nil
}

// SyncFolder runs one sync round with the folder: it writes this device's
// new changes as a new numbered change file (and each history batch the
// folder lacks as one compressed file), reads every other device's files
// it has not applied yet, and merges them. Files it cannot read are listed
// in the report and tried again next time; only a failure to sync at all
// is an error.
func (db *DB) SyncFolder(ctx context.Context, opts SyncOptions) (SyncReport, error) {
	var rep SyncReport
	dir, err := filepath.Abs(opts.Folder)
	if err != nil {
		return rep, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return rep, app.Errorf(app.ErrNotFound, "The sync folder %s does not exist (or is not a folder). Create it, or point at the folder your sync app (Syncthing, Dropbox, OneDrive, …) shares.", dir)
	}
	if filepath.Dir(db.path) == dir {
		return rep, app.Errorf(app.ErrInvalid, "The workspace file itself is in the sync folder %s. Keep the workspace elsewhere: a sync app that copies it while it is written damages it.", dir)
	}
	accepted, folderID, err := folderIDs(dir)
	if err != nil {
		return rep, explainWrite(err, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return rep, explainWrite(err, dir)
	}
	device, err := db.DeviceID(ctx)
	if err != nil {
		return rep, err
	}
	type cand struct {
		name, device string
		seg          int64
		history      bool
		copyOf       bool
	}
	var cands []cand
	var mySegs int64
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "~") || strings.HasSuffix(n, ".tmp") || strings.HasPrefix(n, "salesplan-folder") {
			continue
		}
		if m := changeFileRE.FindStringSubmatch(n); m != nil {
			seg, _ := strconv.ParseInt(m[2], 10, 64)
			if m[1] == device {
				mySegs = max(mySegs, seg)
			}
			cands = append(cands, cand{name: n, device: m[1], seg: seg})
			continue
		}
		if historyFileRE.MatchString(n) {
			cands = append(cands, cand{name: n, history: true})
			continue
		}
		if strings.HasPrefix(n, "salesplan-") || strings.Contains(n, ".changes") || strings.Contains(n, ".history") {
			if conflictRE.MatchString(n) && (strings.Contains(n, ".changes") || strings.Contains(n, ".history")) {
				cands = append(cands, cand{name: n, copyOf: true, history: strings.Contains(n, ".history")})
				continue
			}
			rep.Skipped = append(rep.Skipped, SkippedFile{Name: n, Reason: "its name is not one Salesplan writes"})
		}
	}
	// A file named with this device's ID that this device did not write:
	// another workspace has the same ID (a copied workspace file).
	known := map[string]bool{}
	if err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name FROM sync_files WHERE device = ?`, device)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			rows.Scan(&n)
			known[n] = true
		}
		return rows.Err()
	}); err != nil {
		return rep, err
	}
	for _, c := range cands {
		if c.device == device && !c.history && !c.copyOf && !known[c.name] {
			if err := db.Update(ctx, func(tx *Tx) error {
				device = fmt.Sprintf("%016x", uint64(time.Now().UnixNano())^uint64(len(known))<<48^randUint64())
				_, err := tx.tx.ExecContext(ctx, `UPDATE sync_device SET device_id = ?, written_seq = 0`, device)
				return err
			}); err != nil {
				return rep, err
			}
			rep.Notes = append(rep.Notes, fmt.Sprintf("Another workspace in this folder had the same device ID (a copied workspace file); this workspace is now device %s and sends all its changes again.", device))
			mySegs = 0
			break
		}
	}
	rep.Device = device
	// Write this device's changes.
	wrote, err := db.writeChanges(ctx, dir, folderID, device, mySegs+1, opts.Key)
	if err != nil {
		return rep, err
	}
	if wrote != "" {
		rep.Wrote = append(rep.Wrote, wrote)
	}
	hist, err := db.writeHistory(ctx, dir, folderID, device, opts.Key)
	if err != nil {
		return rep, err
	}
	rep.Wrote = append(rep.Wrote, hist...)
	// Read everyone else's.
	applied := map[string]bool{}
	if err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT sha256 FROM sync_files`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			applied[s] = true
		}
		return rows.Err()
	}); err != nil {
		return rep, err
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].history != cands[j].history {
			return !cands[i].history
		}
		if cands[i].device != cands[j].device {
			return cands[i].device < cands[j].device
		}
		if cands[i].seg != cands[j].seg {
			return cands[i].seg < cands[j].seg
		}
		return cands[i].name < cands[j].name
	})
	limit := hlcNext(0, db.Now().Add(futureTolerance))
	var changes []rowChange
	var rejected []string
	type readFile struct {
		name, sha, device string
		rows              int
	}
	var files []readFile
	var histories []string
	for _, c := range cands {
		if c.history {
			histories = append(histories, c.name)
			continue
		}
		if c.device == device {
			continue
		}
		path := filepath.Join(dir, c.name)
		fi, err := os.Stat(path)
		if err != nil {
			continue // gone since the listing
		}
		if fi.Size() > maxChangeFileBytes {
			rep.Skipped = append(rep.Skipped, SkippedFile{Name: c.name, Reason: fmt.Sprintf("it is larger than %d MB, more than any change file Salesplan writes", maxChangeFileBytes>>20)})
			continue
		}
		seenKey := fmt.Sprintf("%s|%d|%d", path, fi.Size(), fi.ModTime().UnixNano())
		if sha, ok := db.seenFiles.Load(seenKey); ok && applied[sha.(string)] {
			continue // read before and unchanged: not read again
		}
		b, err := os.ReadFile(path)
		if err != nil {
			rep.Skipped = append(rep.Skipped, SkippedFile{Name: c.name, Reason: "it cannot be read: " + err.Error(), Retry: true})
			continue
		}
		sum := sha256.Sum256(b)
		sha := hex.EncodeToString(sum[:])
		if applied[sha] {
			db.seenFiles.Store(seenKey, sha)
			continue
		}
		var leftOut []string
		rows, hdr, err := db.readChangeFile(b, opts.Key, accepted, limit, &leftOut)
		if err != nil {
			var fp *fileProblem
			if errors.As(err, &fp) {
				rep.Skipped = append(rep.Skipped, SkippedFile{Name: c.name, Reason: fp.msg, Retry: fp.retry})
				continue
			}
			return rep, err
		}
		if hdr.Device == device {
			applied[sha] = true
			continue
		}
		if !c.copyOf && (hdr.Device != c.device || hdr.Segment != c.seg) {
			rep.Skipped = append(rep.Skipped, SkippedFile{Name: c.name, Reason: "its content belongs to another file name (renamed by hand?)"})
			continue
		}
		applied[sha] = true
		db.seenFiles.Store(seenKey, sha)
		for _, m := range leftOut {
			rejected = append(rejected, c.name+": "+m)
		}
		changes = append(changes, rows...)
		files = append(files, readFile{c.name, sha, hdr.Device, len(rows)})
	}
	err = db.update(ctx, func(tx *sql.Tx) error {
		// This device's own edits were recorded by writeChanges just now
		// (and every generic write records its own).
		s, err := db.newStamper(ctx, tx, db.Now())
		if err != nil {
			return err
		}
		ms, err := s.mergeRows(ctx, changes)
		if err != nil {
			return err
		}
		rep.Merge = ms
		rep.Merge.Rejected = append(rejected, rep.Merge.Rejected...)
		now := timeText(db.Now())
		for _, f := range files {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_files (sha256, name, device, rows, applied_at) VALUES (?,?,?,?,?)`, f.sha, f.name, f.device, f.rows, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_peers (device, files, last_seen) VALUES (?, 1, ?)
				ON CONFLICT (device) DO UPDATE SET files = files + 1, last_seen = excluded.last_seen`, f.device, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingSyncLast, now); err != nil {
			return err
		}
		return s.save(ctx)
	})
	if err != nil {
		return rep, err
	}
	for _, f := range files {
		rep.Read = append(rep.Read, f.name)
	}
	for _, name := range histories {
		added, err := db.readHistoryFile(ctx, filepath.Join(dir, name), opts.Key, accepted, applied)
		if err != nil {
			var fp *fileProblem
			if errors.As(err, &fp) {
				rep.Skipped = append(rep.Skipped, SkippedFile{Name: name, Reason: fp.msg, Retry: fp.retry})
				continue
			}
			return rep, err
		}
		if added {
			rep.Batches++
			rep.Read = append(rep.Read, name)
		}
	}
	st, err := db.SyncStatus(ctx)
	if err != nil {
		return rep, err
	}
	rep.Devices, rep.Waiting, rep.Conflicts = st.Devices, st.Waiting, st.Conflicts
	return rep, nil
}

func randUint64() uint64 {
	b := make([]byte, 8)
	if f, err := os.Open("/dev/urandom"); err == nil {
		io.ReadFull(f, b)
		f.Close()
	}
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

// readChangeFile validates a whole change file and returns its rows.
func (db *DB) readChangeFile(b []byte, key []byte, accepted map[string]bool, limit HLC, leftOut *[]string) ([]rowChange, fileHeader, error) {
	lr, err := newLineReader(strings.NewReader(string(b)), key)
	if err != nil {
		return nil, fileHeader{}, err
	}
	if lr.hdr.Kind != kindChanges {
		return nil, lr.hdr, problem(false, "it is not a change file")
	}
	if accepted != nil && !accepted[lr.hdr.Folder] {
		return nil, lr.hdr, problem(false, "it comes from another team's sync folder (folder %s)", lr.hdr.Folder)
	}
	if HLC(lr.hdr.Clock) > limit {
		return nil, lr.hdr, problem(false, "it was written with a clock more than a week ahead; correct that device's date and time")
	}
	var out []rowChange
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, lr.hdr, err
		}
		if len(line) < 2 || line[0] != 'r' || line[1] != '\t' {
			return nil, lr.hdr, problem(false, "it holds a record that is not a row")
		}
		row, err := parseRow(line)
		if err != nil {
			return nil, lr.hdr, err
		}
		rc, err := db.validateRow(row, limit)
		var rp *rowProblem
		if errors.As(err, &rp) {
			*leftOut = append(*leftOut, rp.msg)
			continue
		}
		if err != nil {
			return nil, lr.hdr, err
		}
		out = append(out, rc)
		if len(out) > maxFileRows {
			return nil, lr.hdr, problem(false, "it holds more than %d rows", maxFileRows)
		}
	}
	return out, lr.hdr, nil
}

// writeChanges writes the local changes not yet in the folder as the
// change file numbered seg (or later, if that name is taken); "" when
// there was nothing to write.
func (db *DB) writeChanges(ctx context.Context, dir, folderID, device string, seg int64, key []byte) (string, error) {
	var name string
	err := db.update(ctx, func(tx *sql.Tx) error {
		s, err := db.newStamper(ctx, tx, db.Now())
		if err != nil {
			return err
		}
		if _, err := s.captureAll(ctx); err != nil {
			return err
		}
		var written int64
		var lastFolder string
		if err := tx.QueryRowContext(ctx, `SELECT written_seq, folder_id FROM sync_device`).Scan(&written, &lastFolder); err != nil {
			return err
		}
		if lastFolder != folderID {
			// Another folder than last time: it gets everything this
			// device knows, and the history again.
			written = 0
			if _, err := tx.ExecContext(ctx, `UPDATE sync_device SET folder_id = ?, written_seq = 0; DELETE FROM sync_history`, folderID); err != nil {
				return err
			}
		}
		if err := s.save(ctx); err != nil {
			return err
		}
		byTable, clocks, n, err := changedSince(ctx, tx, db, written)
		if err != nil || n == 0 {
			return err
		}
		for {
			name = fmt.Sprintf("salesplan-%s-%06d.changes", device, seg)
			if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
				break
			}
			seg++
		}
		var sum string
		err = writeFileAtomically(filepath.Join(dir, name), func(w io.Writer) error {
			h := sha256.New()
			fw, err := newFileWriter(io.MultiWriter(w, h), key, fileHeader{Kind: kindChanges, Folder: folderID, Device: device, Segment: seg,
				Created: timeText(db.Now()), Clock: uint64(s.last)})
			if err != nil {
				return err
			}
			for _, st := range db.syncTables() {
				if ids := byTable[st.name]; len(ids) > 0 {
					if err := exportRows(ctx, tx, st, ids, clocks[st.name], fw); err != nil {
						return err
					}
				}
			}
			if err := fw.close(); err != nil {
				return err
			}
			sum = hex.EncodeToString(h.Sum(nil))
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_files (sha256, name, device, rows, applied_at) VALUES (?,?,?,?,?)`,
			sum, name, device, n, timeText(db.Now())); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE sync_device SET written_seq = seq`)
		return err
	})
	return name, err
}

// changedSince lists the rows with local changes after seq, by table.
func changedSince(ctx context.Context, tx *sql.Tx, db *DB, seq int64) (map[string][]string, map[string]map[string]*rowClock, int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT tbl, row_id, plan_id, grp, pos_key, fields, seq FROM sync_rows WHERE seq > ? ORDER BY tbl, row_id`, seq)
	if err != nil {
		return nil, nil, 0, err
	}
	defer rows.Close()
	byTable := map[string][]string{}
	clocks := map[string]map[string]*rowClock{}
	n := 0
	for rows.Next() {
		var tbl, id, f string
		rc := &rowClock{exists: true}
		if err := rows.Scan(&tbl, &id, &rc.plan, &rc.grp, &rc.key, &f, &rc.seq); err != nil {
			return nil, nil, 0, err
		}
		if err := decodeFields(f, &rc.fields); err != nil {
			continue
		}
		byTable[tbl] = append(byTable[tbl], id)
		if clocks[tbl] == nil {
			clocks[tbl] = map[string]*rowClock{}
		}
		clocks[tbl][id] = rc
		n++
	}
	return byTable, clocks, n, rows.Err()
}

// historyFileName names the folder's file of one history batch.
func historyFileName(business, sha string) string {
	h := sha256.Sum256([]byte(business + "/" + sha))
	return "salesplan-history-" + hex.EncodeToString(h[:16]) + ".history"
}

// writeHistory writes each local history batch the folder lacks as one
// compressed file.
func (db *DB) writeHistory(ctx context.Context, dir, folderID, device string, key []byte) ([]string, error) {
	type batch struct {
		id            int64
		business, sha string
	}
	var todo []batch
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT min(b.id), b.business_id, b.sha256 FROM import_batches b
			WHERE b.rows > 0 AND NOT EXISTS (SELECT 1 FROM sync_history h WHERE h.business_id = b.business_id AND h.sha256 = b.sha256)
			GROUP BY b.business_id, b.sha256 ORDER BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b batch
			if err := rows.Scan(&b.id, &b.business, &b.sha); err != nil {
				return err
			}
			todo = append(todo, b)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, b := range todo {
		name := historyFileName(b.business, b.sha)
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			err := db.view(ctx, func(tx *sql.Tx) error {
				return writeFileAtomically(path, func(w io.Writer) error {
					fw, err := newFileWriter(w, key, fileHeader{Kind: kindHistory, Folder: folderID, Device: device, Created: timeText(db.Now())})
					if err != nil {
						return err
					}
					if err := exportBatch(ctx, tx, b.id, fw); err != nil {
						return err
					}
					return fw.close()
				})
			})
			if err != nil {
				return out, err
			}
			out = append(out, name)
		}
		if err := db.update(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_history (business_id, sha256) VALUES (?,?)`, b.business, b.sha)
			return err
		}); err != nil {
			return out, err
		}
	}
	return out, nil
}

// readHistoryFile adds the history batch of a folder file when the
// business is here and lacks it; it reports whether it added it.
func (db *DB) readHistoryFile(ctx context.Context, path string, key []byte, accepted map[string]bool, applied map[string]bool) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, problem(true, "it cannot be read: %v", err)
	}
	defer f.Close()
	st, _ := f.Stat()
	stamp := fmt.Sprintf("history:%s:%d:%d", filepath.Base(path), st.Size(), st.ModTime().UnixNano())
	if applied[stamp] {
		return false, nil
	}
	lr, err := newLineReader(f, key)
	if err != nil {
		return false, err
	}
	if lr.hdr.Kind != kindHistory {
		return false, problem(false, "it is not a history file")
	}
	if accepted != nil && !accepted[lr.hdr.Folder] {
		return false, problem(false, "it comes from another team's sync folder (folder %s)", lr.hdr.Folder)
	}
	added, err := db.importBatches(ctx, lr, func(b wireBatch) (bool, error) {
		var have, business bool
		err := db.view(ctx, func(tx *sql.Tx) error {
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM businesses WHERE id = ?)`, b.Business).Scan(&business); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM import_batches WHERE business_id = ? AND sha256 = ?)`, b.Business, b.SHA256).Scan(&have)
		})
		if err != nil {
			return false, err
		}
		if !business {
			return false, problem(true, "its business has not arrived yet")
		}
		return !have, nil
	})
	if err != nil {
		return false, err
	}
	if err := db.update(ctx, func(tx *sql.Tx) error {
		// Remember the file (by name, size and time) so it is not read again.
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_files (sha256, name, device, rows, applied_at) VALUES (?,?,?,?,?)`,
			stamp, filepath.Base(path), lr.hdr.Device, 0, timeText(db.Now()))
		return err
	}); err != nil {
		return false, err
	}
	return added > 0, nil
}

// importBatches reads the history batches of lr (every record after the
// rows must be a batch, its names and its sales) and imports each that
// want says to, as one import each; it returns how many it added. The
// file's checksum is checked before the last import commits.
func (db *DB) importBatches(ctx context.Context, lr recordSource, want func(wireBatch) (bool, error)) (int, error) {
	added := 0
	var pendingLine []byte
	nextLine := func() ([]byte, error) {
		if pendingLine != nil {
			l := pendingLine
			pendingLine = nil
			return l, nil
		}
		return lr.next()
	}
	for {
		line, err := nextLine()
		if errors.Is(err, io.EOF) {
			return added, nil
		}
		if err != nil {
			return added, err
		}
		l, err := decodeRecord(line)
		if err != nil {
			return added, err
		}
		b := l.Batch
		if b == nil {
			return added, problem(false, "it holds a record where a history batch should start")
		}
		if !idRE.MatchString(b.Business) || !shaRE.MatchString(b.SHA256) || len(b.Source) > 4096 || b.Rows < 0 || b.Rows > maxBatchSales || b.Names < 0 || b.Names > maxBatchSales {
			return added, problem(false, "a history batch in it is described impossibly")
		}
		ok, err := want(*b)
		if err != nil {
			return added, err
		}
		names := map[int64]wireName{}
		for i := int64(0); i < b.Names; i++ {
			line, err := nextLine()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return added, problem(false, "a history batch in it ends before its names")
				}
				return added, err
			}
			l, err := decodeRecord(line)
			if err != nil {
				return added, err
			}
			if l.Name == nil || l.Name.Kind < nameProduct || l.Name.Kind > nameChannel || len(l.Name.Name) > 4096 {
				return added, problem(false, "a history batch in it has an impossible name")
			}
			names[l.Name.ID] = *l.Name
		}
		produce := func(emit func(app.Sale) error) error {
			for i := int64(0); i < b.Rows; i++ {
				line, err := nextLine()
				if err != nil {
					if errors.Is(err, io.EOF) {
						return problem(false, "a history batch in it ends before its last sale")
					}
					return err
				}
				if len(line) < 2 || line[0] != 's' || line[1] != '\t' {
					return problem(false, "a history batch in it has a record that is not a sale")
				}
				day, amount, qty, ids, src, err := parseSale(line)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				var nm [6]string
				for k, id := range ids {
					n, found := names[id]
					if !found || n.Kind != k+1 {
						return problem(false, "a sale in it names an unknown %d", id)
					}
					nm[k] = n.Name
				}
				if err := emit(app.Sale{Date: dayOf(day), Amount: amount, Quantity: qty, Product: nm[0], Group: nm[1], Region: nm[2],
					Customer: nm[3], Salesperson: nm[4], Channel: nm[5], Line: int(src)}); err != nil {
					return err
				}
			}
			// The last batch of the file: its end must check out before the
			// import commits.
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			pendingLine = line
			return nil
		}
		if !ok {
			if err := produce(func(app.Sale) error { return nil }); err != nil {
				return added, err
			}
			continue
		}
		_, err = db.ImportStream(ctx, ImportRequest{BusinessID: b.Business, Source: b.Source, SHA256: b.SHA256, Mode: ImportAppend}, produce)
		if err != nil {
			return added, err
		}
		if err := db.update(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_history (business_id, sha256) VALUES (?,?)`, b.Business, b.SHA256)
			return err
		}); err != nil {
			return added, err
		}
		added++
	}
}

// SyncState is what the window shows about syncing.
type SyncState struct {
	Device    string
	LastSync  time.Time // zero: never
	Devices   int       // other devices seen in the folder
	Waiting   int64     // local changes not yet written to the folder
	Conflicts int       // open conflicts
}

// SyncStatus returns the sync state of the workspace.
func (db *DB) SyncStatus(ctx context.Context) (SyncState, error) {
	var s SyncState
	err := db.view(ctx, func(tx *sql.Tx) error {
		var written int64
		if err := tx.QueryRowContext(ctx, `SELECT device_id, written_seq FROM sync_device`).Scan(&s.Device, &written); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_rows WHERE seq > ?`, written).Scan(&s.Waiting); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_peers`).Scan(&s.Devices); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL`).Scan(&s.Conflicts); err != nil {
			return err
		}
		var last string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingSyncLast).Scan(&last)
		if err == nil {
			s.LastSync = parseTime(last)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return nil
	})
	return s, err
}

package data

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"salesplan/app"
)

// staleAfter is how old an unlocked temporary file must be before it is
// taken for the leftover of a killed run and removed.
const staleAfter = time.Minute

// tempPattern is the pattern of the temporary files written for target:
// hidden, beside it, ending in .tmp.
func tempPattern(target string) string {
	return "." + filepath.Base(target) + ".*.tmp"
}

// createTemp creates the temporary file for target and locks it for as long
// as it is open, so that another run can tell it from a leftover.
func createTemp(target string) (*os.File, error) {
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, tempPattern(target))
	if err != nil {
		return nil, explainWrite(err, dir)
	}
	lockFile(f)
	return f, nil
}

// RemoveStaleTemps removes the temporary files that earlier, killed runs
// left for target: those no running process holds locked and that are older
// than a minute. It returns how many it removed.
func RemoveStaleTemps(target string) int {
	dir := filepath.Dir(target)
	matches, _ := filepath.Glob(filepath.Join(globEscape(dir), "."+globEscape(filepath.Base(target))+".*.tmp"))
	n := 0
	for _, m := range matches {
		st, err := os.Lstat(m)
		if err != nil || !st.Mode().IsRegular() || time.Since(st.ModTime()) < staleAfter {
			continue
		}
		f, err := os.OpenFile(m, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if lockFile(f) && os.Remove(m) == nil {
			n++
		}
		f.Close()
	}
	return n
}

// globEscape escapes the pattern characters of a literal path part.
func globEscape(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '[', ']', '?', '*', '\\':
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}

// removeStaleTemps removes the leftovers of killed backups of a workspace.
func removeStaleTemps(workspace string) {
	dir, base := filepath.Split(workspace)
	matches, _ := filepath.Glob(filepath.Join(globEscape(dir), "."+globEscape(base)+".*.tmp"))
	for _, m := range matches {
		RemoveStaleTemps(filepath.Join(filepath.Dir(m), trimTemp(filepath.Base(m))))
	}
}

// trimTemp turns ".name.123.tmp" back into "name".
func trimTemp(s string) string {
	s = s[1 : len(s)-len(".tmp")]
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return s[:i]
		}
	}
	return s
}

// WriteFileAtomic writes path through write: first into a locked temporary
// file beside it, which is synced and renamed over path only when complete,
// so path is never half-written, also when the process is killed. The
// leftovers of earlier killed runs are removed first.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	RemoveStaleTemps(path)
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return explainWrite(err, filepath.Dir(path))
	}
	if err = tmp.Sync(); err != nil {
		return explainWrite(err, filepath.Dir(path))
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot save %s. Is it open in another program? Close it there or choose another name.", path), Err: err}
	}
	syncDir(filepath.Dir(path))
	return tmp.Close()
}

// explainWrite explains a failure to write a new file into dir.
func explainWrite(err error, dir string) error {
	if isNoSpace(err) {
		return &app.Error{Code: app.ErrConflict, Err: err, Message: fmt.Sprintf("The disk holding %s is full, so the file was not written. Nothing else was changed. Free some space and try again.", dir)}
	}
	if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
		return &app.Error{Code: app.ErrInvalid, Err: err, Message: fmt.Sprintf("The folder %s does not exist. Create it first or choose another place.", dir)}
	}
	return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot write into the folder %s. Choose another place.", dir), Err: err}
}

// syncDir makes a rename in dir durable (best effort).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// BackupTo writes one consistent copy of the workspace, with every change
// committed so far (also those still in the -wal), to out: first under a
// temporary name, then checked and renamed. out must not be the workspace,
// its -wal/-shm, another database or a folder.
func (db *DB) BackupTo(ctx context.Context, out string) error {
	if err := CheckTarget(out, db.path); err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	return db.backupInto(ctx, abs)
}

// backupInto does BackupTo without the target check.
func (db *DB) backupInto(ctx context.Context, dest string) (err error) {
	RemoveStaleTemps(dest)
	tmp, err := createTemp(dest)
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	// VACUUM INTO accepts an existing empty file; the lock stays on tmp.
	if _, err = db.wdb.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()); err != nil {
		return explain(err, db.path, fmt.Sprintf("Could not copy the workspace to %s. The workspace itself was not changed.", dest))
	}
	if err = checkCopy(tmp.Name()); err != nil {
		return &app.Error{Code: app.ErrInternal, Message: fmt.Sprintf("The copy of the workspace for %s did not check out, so it was not kept. The workspace itself was not changed; try again.", dest), Err: err}
	}
	if err = tmp.Sync(); err != nil {
		return explainWrite(err, filepath.Dir(dest))
	}
	if err = os.Rename(tmp.Name(), dest); err != nil {
		return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot save %s. Is it open in another program? Close it there or choose another name.", dest), Err: err}
	}
	syncDir(filepath.Dir(dest))
	return nil
}

// checkCopy verifies that path is a complete, intact Salesplan workspace.
func checkCopy(path string) error {
	ro, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer ro.Close()
	var res string
	if err := ro.QueryRow("PRAGMA quick_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("quick_check: %s", res)
	}
	var id int64
	if err := ro.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return err
	}
	if id != ApplicationID {
		return fmt.Errorf("application_id %d", id)
	}
	return nil
}

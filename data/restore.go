package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-sqlite3"

	"salesplan/app"
)

// NewestBackup returns the newest intact backup beside the workspace at
// path (its *.bak files), or "" when there is none.
func NewestBackup(path string) string { return newestBackup(path) }

// RestoreFrom replaces the whole content of the open workspace with the
// backup at backup, an intact workspace of this version, through SQLite's
// backup API, so the open connections stay valid. The damaged file is
// first copied beside the workspace (returned as kept). Afterwards writes
// are allowed again.
func (db *DB) RestoreFrom(ctx context.Context, backup string) (kept string, err error) {
	migs, err := migrations()
	if err != nil {
		return "", err
	}
	if err := checkCopy(backup); err != nil {
		return "", &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("The backup %s is not an intact workspace, so nothing was restored. Choose another backup.", backup), Err: err}
	}
	if _, ver, err := inspect(backup, migs); err != nil || ver != len(migs) {
		return "", &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("The backup %s is from another version of Salesplan, so it was not restored over the workspace. Open it on its own instead.", backup), Err: err}
	}
	kept = fmt.Sprintf("%s.damaged-%s", db.path, db.Now().UTC().Format("20060102-150405"))
	if err := copyFile(db.path, kept); err != nil {
		return "", explainWrite(err, kept)
	}
	if st, err := os.Stat(db.path + "-wal"); err == nil && st.Size() > 0 {
		copyFile(db.path+"-wal", kept+"-wal") // what the damaged file still had in its journal
	}
	src, err := sql.Open("sqlite3", dsn(backup, "mode=ro"))
	if err != nil {
		return kept, err
	}
	defer src.Close()
	sc, err := src.Conn(ctx)
	if err != nil {
		return kept, err
	}
	defer sc.Close()
	dc, err := db.wdb.Conn(ctx)
	if err != nil {
		return kept, err
	}
	defer dc.Close()
	err = dc.Raw(func(d any) error {
		dst, ok := d.(*sqlite3.SQLiteConn)
		if !ok {
			return errors.New("not a SQLite connection")
		}
		return sc.Raw(func(s any) error {
			srcConn, ok := s.(*sqlite3.SQLiteConn)
			if !ok {
				return errors.New("not a SQLite connection")
			}
			bk, err := dst.Backup("main", srcConn, "main")
			if err != nil {
				return err
			}
			if _, err := bk.Step(-1); err != nil {
				bk.Finish()
				return err
			}
			return bk.Finish()
		})
	})
	if err != nil {
		return kept, explain(err, db.path, fmt.Sprintf("The workspace could not be restored from %s; the damaged file is kept as %s.", backup, kept))
	}
	db.refuse.Store(nil)
	if err := db.QuickCheck(ctx); err != nil {
		return kept, err
	}
	return kept, nil
}

// copyFile copies src to a new file dst and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

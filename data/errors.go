package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"salesplan/app"
)

// ErrDamaged is the app.Error code of a workspace whose file is damaged.
const ErrDamaged = "damaged"

// explain turns a low-level SQLite or file-system failure on the workspace
// at path into an *app.Error with a sentence saying what happened, what was
// kept and what to do. Errors it does not recognise are returned unchanged,
// or wrapped with fallback when fallback is not empty.
func explain(err error, path, fallback string) error {
	if err == nil {
		return nil
	}
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	code := sqliteCode(err)
	switch {
	case code == sqlite3.ErrFull || errors.Is(err, syscall.ENOSPC):
		return &app.Error{Code: app.ErrConflict, Err: err, Message: "The disk is full, so the last change was not saved. " +
			"Everything saved before it is kept. Free some disk space, then try again."}
	case code == sqlite3.ErrCorrupt || code == sqlite3.ErrNotADB:
		return &app.Error{Code: ErrDamaged, Err: err, Message: fmt.Sprintf("The workspace %s is damaged, so Salesplan wrote nothing more into it. "+
			"Run 'salesplan check' to see the newest backup, and restore the workspace from it.", path)}
	case code == sqlite3.ErrReadonly || code == sqlite3.ErrCantOpen || code == sqlite3.ErrPerm || errors.Is(err, os.ErrPermission):
		return &app.Error{Code: app.ErrInvalid, Err: err, Message: readOnlyMessage(path, writable(path), writable(filepath.Dir(path)))}
	}
	if fallback != "" {
		return &app.Error{Code: app.ErrInternal, Message: fallback, Err: err}
	}
	return err
}

// readOnlyMessage explains a write that the file system refused.
func readOnlyMessage(path string, fileOK, dirOK bool) string {
	switch {
	case !fileOK:
		return fmt.Sprintf("The workspace file %s is read-only, so changes cannot be saved. The workspace is intact. "+
			"Make the file writable (or copy it to a place where you may write) and try again.", path)
	case !dirOK:
		return fmt.Sprintf("The folder %s is read-only; Salesplan must write a journal file (-wal) beside the workspace. "+
			"The workspace itself is fine and was not changed. Move it to a folder where you may write, or make the folder writable.", filepath.Dir(path))
	}
	return fmt.Sprintf("The workspace %s could not be written: the system allows reading only. The workspace is intact. "+
		"Check the permissions of the file and its folder, then try again.", path)
}

// sqliteCode returns the primary SQLite result code in err, or 0.
func sqliteCode(err error) sqlite3.ErrNo {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code
	}
	var sp *sqlite3.Error
	if errors.As(err, &sp) && sp != nil {
		return sp.Code
	}
	return 0
}

// isNoSpace reports whether err means the disk is full.
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || sqliteCode(err) == sqlite3.ErrFull
}

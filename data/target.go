package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"salesplan/app"
)

// CheckTarget checks a file that an export or a copy is about to write
// (replace) and refuses, with an *app.Error, the open workspace, the files
// SQLite keeps beside it (-wal, -shm, -journal, the lock), any other SQLite
// database and a folder. workspace is the workspace in use ("" if none).
// A target that does not exist yet is fine when its folder exists. The
// check follows symbolic links, so a link to the workspace is refused too.
// It reads at most the first 16 bytes of the target and writes nothing.
func CheckTarget(target, workspace string) error {
	if target == "" {
		return app.Errorf(app.ErrInvalid, "No file to write was given. Name the file with --out FILE.")
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("%s is not a usable file name. Choose another name.", target), Err: err}
	}
	if workspace != "" {
		for _, w := range workspaceFiles(workspace) {
			if sameFile(abs, w) {
				if w == workspace || sameFile(w, workspace) {
					return app.Errorf(app.ErrInvalid, "%s is the workspace itself; writing there would destroy your plans. Nothing was written. Choose another file name.", target)
				}
				return app.Errorf(app.ErrInvalid, "%s belongs to the workspace %s (SQLite keeps recent changes in it); writing there would damage the workspace. Nothing was written. Choose another file name.", target, filepath.Base(workspace))
			}
		}
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		dir := filepath.Dir(abs)
		if dst, derr := os.Stat(dir); derr != nil || !dst.IsDir() {
			return app.Errorf(app.ErrInvalid, "The folder %s does not exist. Create it first or choose another place.", dir)
		}
		return nil
	}
	if err != nil {
		return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot check %s. Choose another file name.", target), Err: err}
	}
	if st.IsDir() {
		return app.Errorf(app.ErrInvalid, "%s is a folder. Give the name of the file to write, e.g. %s.", target, filepath.Join(target, "plan.pdf"))
	}
	if isSQLiteFile(abs) {
		return app.Errorf(app.ErrInvalid, "%s is a database (perhaps another Salesplan workspace); it was not overwritten. Choose another file name.", target)
	}
	return nil
}

// workspaceFiles returns the workspace and the files that belong to it.
func workspaceFiles(workspace string) []string {
	abs, err := filepath.Abs(workspace)
	if err != nil {
		abs = workspace
	}
	out := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		out = append(out, real)
	}
	var all []string
	for _, w := range out {
		all = append(all, w, w+"-wal", w+"-shm", w+"-journal", w+".lock")
	}
	return all
}

// sameFile reports whether a and b name the same file: the same path, or
// (following links) the same file on disk, or a path that does not exist
// yet but whose real folder and name match.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return realPath(a) == realPath(b)
}

// realPath resolves the links of path's folder (and of path when it
// exists).
func realPath(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	dir, base := filepath.Split(path)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(r, base)
	}
	return filepath.Clean(path)
}

// isSQLiteFile reports whether path starts with the SQLite header.
func isSQLiteFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	hdr := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, hdr); err != nil {
		return false
	}
	return bytes.Equal(hdr, sqliteMagic)
}

//go:build unix

package data

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// LockGUI takes the advisory lock that marks the workspace as open in a
// Salesplan window. held is false when another window holds it. The lock
// is taken on the resolved path, so a window opened through a symbolic link
// sees the same lock. It goes away with the process, also after a crash.
func LockGUI(workspace string) (release func(), held bool, err error) {
	f, err := os.OpenFile(resolved(workspace)+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return func() {}, true, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return func() {}, false, nil
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, true, nil
}

// resolved returns path with its symbolic links resolved (as far as they
// exist).
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return realPath(abs)
}

// lockFile takes an exclusive advisory lock on f without waiting; false
// when another process (or descriptor) holds it.
func lockFile(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// writable reports whether path (file or folder) may be written by this
// process. A missing file counts as writable.
func writable(path string) bool {
	err := syscall.Access(path, 2 /* W_OK */)
	return err == nil || errors.Is(err, syscall.ENOENT)
}

// lockingWorks reports whether lockFile really locks here.
const lockingWorks = true

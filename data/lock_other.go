//go:build !unix

package data

import "os"

// LockGUI is a no-op where advisory file locks are not available; held is
// always true.
func LockGUI(workspace string) (release func(), held bool, err error) {
	return func() {}, true, nil
}

// lockFile always succeeds where advisory locks are not available; callers
// also look at the file's age.
func lockFile(f *os.File) bool { return true }

// writable reports whether path may be written, from its permission bits.
func writable(path string) bool {
	st, err := os.Stat(path)
	return err != nil || st.Mode().Perm()&0o200 != 0
}

// lockingWorks reports whether lockFile really locks here.
const lockingWorks = false

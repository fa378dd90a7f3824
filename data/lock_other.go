//go:build !unix

package data

// LockGUI is a no-op where advisory file locks are not available; held is
// always true.
func LockGUI(workspace string) (release func(), held bool, err error) {
	return func() {}, true, nil
}

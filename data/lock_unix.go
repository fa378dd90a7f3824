//go:build unix

package data

import (
	"os"
	"syscall"
)

// LockGUI takes the advisory lock that marks the workspace as open in a
// Salesplan window. held is false when another window holds it. The lock
// goes away with the process, also after a crash.
func LockGUI(workspace string) (release func(), held bool, err error) {
	f, err := os.OpenFile(workspace+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return func() {}, true, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return func() {}, false, nil
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, true, nil
}

package views

import (
	"os"
	"testing"
	"time"
)

// TestMain runs the tests in UTC, so the dates the window shows (a plan's
// last edit, in the user's time zone) are the same on every machine.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

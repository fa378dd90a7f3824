package steps

import (
	"os"
	"testing"
)

// TestMain fixes the home folder, so that the Export page's default path
// is the same on every machine.
func TestMain(m *testing.M) {
	os.Setenv("HOME", "/home/tester")
	os.Exit(m.Run())
}

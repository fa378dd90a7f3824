package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestQuietUnderCUTF8 runs this test binary again under LANG=C.UTF-8: the
// toolkit's package initialisation must print nothing on stderr.
func TestQuietUnderCUTF8(t *testing.T) {
	if os.Getenv("SALESPLAN_LOCALE_CHILD") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestQuietUnderCUTF8$")
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "LANGUAGE" && k != "LC_ALL" && k != "LC_MESSAGES" && k != "LANG" {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "LANG=C.UTF-8", "SALESPLAN_LOCALE_CHILD=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "Fyne error") || strings.Contains(stderr.String(), "locale") {
		t.Errorf("stderr under LANG=C.UTF-8:\n%s", stderr.String())
	}
}

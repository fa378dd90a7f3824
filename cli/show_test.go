package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// uuidPattern matches the row IDs the store makes.
var uuidPattern = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// stableIDs replaces every ID by "id-N" in order of first appearance, so a
// golden file shows which rows link to which without random IDs.
func stableIDs(s string) string {
	seen := map[string]string{}
	return uuidPattern.ReplaceAllStringFunc(s, func(id string) string {
		if _, ok := seen[id]; !ok {
			seen[id] = fmt.Sprintf("id-%d", len(seen)+1)
		}
		return seen[id]
	})
}

// TestShowJSONGolden keeps the whole `show --step STEP --json` output of the
// demo plan in testdata/show-STEP.json, so a change of shape is a visible
// diff. Regenerate with `go test ./cli -run ShowJSONGolden -update`.
func TestShowJSONGolden(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	id := strings.TrimSpace(out)
	for _, step := range []string{"overview", "situation", "objectives", "strategy", "sop", "budget", "team"} {
		code, out, errOut := runCLI(t, ws, "show", "--plan", id, "--step", step, "--json")
		if code != 0 {
			t.Fatalf("show %s: %d %s", step, code, errOut)
		}
		if strings.Contains(out, "_minor") {
			t.Errorf("show %s has minor-unit keys; amounts are in major units", step)
		}
		got := stableIDs(out)
		path := filepath.Join("testdata", "show-"+step+".json")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("show --step %s --json differs from %s (run with -update after checking the change)\n%s", step, path, firstDiff(string(want), got))
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %s\n  got %s", i+1, wl, gl)
		}
	}
	return ""
}

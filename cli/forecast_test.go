package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestForecastHoldoutTooLong checks that a holdout leaving too little
// history says so in a sentence, and that the text output never prints NaN.
func TestForecastHoldoutTooLong(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	_, out, errOut := runCLI(t, ws, "demo")
	id := strings.TrimSpace(out)
	if id == "" {
		t.Fatal(errOut)
	}
	var f ForecastJSON
	_, out, _ = runCLI(t, ws, "forecast", "--plan", id, "--json")
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	n := f.HistoryMonths
	code, _, errOut := runCLI(t, ws, "forecast", "--plan", id, "--holdout", strconv.Itoa(n-1))
	if code != 1 || !strings.Contains(errOut, "leaves 1 month of sales history") || !strings.Contains(errOut, "Use a smaller --holdout.") {
		t.Errorf("holdout %d of %d months: %d %q", n-1, n, code, errOut)
	}
	for _, h := range []int{n - 2, n - 6, 12} {
		code, out, errOut = runCLI(t, ws, "forecast", "--plan", id, "--holdout", strconv.Itoa(h))
		if code != 0 || strings.Contains(out, "NaN") || !strings.Contains(out, "sMAPE") {
			t.Errorf("holdout %d: %d %s %s", h, code, out, errOut)
		}
	}
}

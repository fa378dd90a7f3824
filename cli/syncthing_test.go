package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"salesplan/app/steps"
	"salesplan/data"
)

// syncthingTimeout bounds the whole end-to-end test.
var syncthingTimeout = 100 * time.Second

// syncthingNode is one Syncthing instance of the end-to-end test, on
// 127.0.0.1 with its own configuration folder and ports.
type syncthingNode struct {
	home, folder, id, apiKey string
	guiPort, syncPort        int
	cmd                      *exec.Cmd
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (n *syncthingNode) rest(ctx context.Context, method, path string, body any) error {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, fmt.Sprintf("http://127.0.0.1:%d%s", n.guiPort, path), rd)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", n.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	return nil
}

// waitFor polls cond until it holds or the context ends.
func waitFor(ctx context.Context, t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// TestSyncThroughTwoSyncthingInstances: two real Syncthing instances on
// 127.0.0.1 share a folder between two workspaces; an edit on one reaches
// the other through `salesplan sync`. Skipped where Syncthing is not
// installed (Debian package syncthing); the simulation always runs.
func TestSyncThroughTwoSyncthingInstances(t *testing.T) {
	bin, err := exec.LookPath("syncthing")
	if err != nil {
		t.Skip("syncthing is not installed (apt-get install syncthing); TestSimulatedDevicesConverge covers the merge without it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), syncthingTimeout)
	defer cancel()
	dir := t.TempDir()
	idRE := regexp.MustCompile(`Device ID:\s*([A-Z0-9-]{50,})`)
	nodes := make([]*syncthingNode, 2)
	for i := range nodes {
		n := &syncthingNode{home: filepath.Join(dir, fmt.Sprintf("st%d", i)), folder: filepath.Join(dir, fmt.Sprintf("shared%d", i)),
			apiKey: fmt.Sprintf("salesplan-test-key-%d", i), guiPort: freePort(t), syncPort: freePort(t)}
		os.MkdirAll(n.folder, 0o755)
		out, err := exec.CommandContext(ctx, bin, "generate", "--home="+n.home, "--no-default-folder").CombinedOutput()
		m := idRE.FindSubmatch(out)
		if err != nil || m == nil {
			t.Fatalf("syncthing generate: %v\n%s", err, out)
		}
		n.id = string(m[1])
		nodes[i] = n
	}
	for _, n := range nodes {
		n.cmd = exec.CommandContext(ctx, bin, "serve", "--home="+n.home, "--no-browser", "--no-restart", "--no-upgrade",
			fmt.Sprintf("--gui-address=127.0.0.1:%d", n.guiPort), "--gui-apikey="+n.apiKey, "--logfile="+filepath.Join(n.home, "log.txt"))
		n.cmd.Env = append(os.Environ(), "STNOUPGRADE=1", "STNODEFAULTFOLDER=1", "STHOMEDIR="+n.home)
		if err := n.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmd, home := n.cmd, n.home
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
			if t.Failed() {
				log, _ := os.ReadFile(filepath.Join(home, "log.txt"))
				lines := strings.Split(string(log), "\n")
				t.Logf("syncthing log of %s:\n%s", home, strings.Join(lines[max(0, len(lines)-25):], "\n"))
			}
		})
	}
	for i, n := range nodes {
		n := n
		waitFor(ctx, t, "syncthing to start", func() bool { return n.rest(ctx, "GET", "/rest/system/ping", nil) == nil })
		peer := nodes[1-i]
		if err := n.rest(ctx, "PATCH", "/rest/config/options", map[string]any{
			"globalAnnounceEnabled": false, "localAnnounceEnabled": false, "relaysEnabled": false, "natEnabled": false,
			"urAccepted": -1, "crashReportingEnabled": false, "autoUpgradeIntervalH": 0,
			"listenAddresses": []string{fmt.Sprintf("tcp://127.0.0.1:%d", n.syncPort)},
		}); err != nil {
			t.Fatal(err)
		}
		if err := n.rest(ctx, "PUT", "/rest/config/devices/"+peer.id, map[string]any{
			"deviceID": peer.id, "name": fmt.Sprintf("peer%d", 1-i), "addresses": []string{fmt.Sprintf("tcp://127.0.0.1:%d", peer.syncPort)},
		}); err != nil {
			t.Fatal(err)
		}
		if err := n.rest(ctx, "PUT", "/rest/config/folders/salesplan", map[string]any{
			"id": "salesplan", "label": "Salesplan", "path": n.folder, "type": "sendreceive",
			"devices":         []map[string]string{{"deviceID": n.id}, {"deviceID": peer.id}},
			"rescanIntervalS": 2, "fsWatcherEnabled": true, "fsWatcherDelayS": 1,
		}); err != nil {
			t.Fatal(err)
		}
	}
	wsA, wsB := filepath.Join(dir, "a.salesplan"), filepath.Join(dir, "b.salesplan")
	code, out, errOut := runCLI(t, wsA, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	planID := strings.TrimSpace(out)
	if code, _, errOut := runCLI(t, wsA, "sync", "--folder", nodes[0].folder); code != 0 {
		t.Fatalf("sync a: %s", errOut)
	}
	nodes[0].rest(ctx, "POST", "/rest/db/scan?folder=salesplan", nil)
	files := func(dir string) int {
		entries, _ := os.ReadDir(dir)
		n := 0
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") {
				n++
			}
		}
		return n
	}
	want := files(nodes[0].folder)
	waitFor(ctx, t, "Syncthing to copy the change files", func() bool { return files(nodes[1].folder) >= want })
	// A new device joins with one command (its workspace does not exist yet).
	if code, _, errOut := runCLI(t, wsB, "sync", "--folder", nodes[1].folder); code != 0 || strings.Contains(errOut, "skipped") {
		t.Fatalf("sync b: %d %s", code, errOut)
	}
	for _, step := range []string{"situation", "budget"} {
		_, a, _ := runCLI(t, wsA, "show", "--plan", planID, "--step", step, "--json")
		_, b, _ := runCLI(t, wsB, "show", "--plan", planID, "--step", step, "--json")
		if a != b || a == "" {
			t.Fatalf("step %s differs after the sync through Syncthing", step)
		}
	}
	// An edit on b reaches a.
	db, err := data.OpenExisting(wsB)
	if err != nil {
		t.Fatal(err)
	}
	db.Declare(steps.Registry().Tables()...)
	p, _ := db.Plan(ctx, planID)
	p.Markets = "Edited on laptop B"
	if _, err := db.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, _, errOut := runCLI(t, wsB, "sync", "--folder", nodes[1].folder); code != 0 {
		t.Fatalf("sync b: %s", errOut)
	}
	nodes[1].rest(ctx, "POST", "/rest/db/scan?folder=salesplan", nil)
	waitFor(ctx, t, "the edit to reach laptop A", func() bool {
		runCLI(t, wsA, "sync", "--folder", nodes[0].folder)
		_, out, _ := runCLI(t, wsA, "show", "--plan", planID, "--step", "situation", "--json")
		return strings.Contains(out, "Edited on laptop B")
	})
}

package views

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/data"
)

// SyncEvery is how often the window syncs while a sync folder is set.
var SyncEvery = 5 * time.Second

// syncer keeps the workspace in step with a sync folder while one is set:
// a round every few seconds, always off the UI goroutine through the
// bridge; the window shows its state in a bar at the bottom.
type syncer struct {
	u *UI

	mu      sync.Mutex
	folder  string
	keyFile string
	busy    bool
	stop    chan struct{}

	bar      *fyne.Container
	status   *widget.Label
	review   *widget.Button
	lastErr  string
	state    data.SyncState
	skipped  []data.SkippedFile
	rejected []string // rows of the last round's files left out, in words
	onChange func()   // tests: called on the UI goroutine after each round
}

func newSyncer(u *UI) *syncer {
	s := &syncer{u: u, status: widget.NewLabel("")}
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.review = widget.NewButtonWithIcon("Changes from other devices…", theme.HistoryIcon(), func() { s.showConflicts() })
	s.review.Hide()
	now := widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), func() { s.round(true) })
	s.bar = container.NewBorder(nil, nil, widget.NewIcon(theme.MailSendIcon()), container.NewHBox(s.review, now), s.status)
	return s
}

// active reports whether a sync folder is set.
func (s *syncer) active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.folder != ""
}

// startFromSettings reads the sync folder of the workspace (off the UI
// goroutine) and starts syncing when one is set.
func (s *syncer) startFromSettings() {
	var folder, keyFile string
	s.u.bridge.Go(func() {
		ctx := context.Background()
		folder, _ = s.u.store.Setting(ctx, data.SettingSyncFolder, "")
		keyFile, _ = s.u.store.Setting(ctx, data.SettingSyncKeyFile, "")
	}, func() {
		if folder != "" {
			s.start(folder, keyFile)
		}
	})
}

// start syncs with folder from now on (every SyncEvery, and once at once).
func (s *syncer) start(folder, keyFile string) {
	s.mu.Lock()
	if s.stop != nil {
		close(s.stop)
	}
	s.folder, s.keyFile = folder, keyFile
	s.stop = make(chan struct{})
	stop := s.stop
	s.mu.Unlock()
	s.u.showSyncBar(true)
	s.status.SetText("Syncing with " + folder + "…")
	s.round(false)
	go func() {
		t := time.NewTicker(SyncEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-s.u.stopWatch:
				return
			case <-t.C:
				fyne.Do(func() { s.round(false) })
			}
		}
	}()
}

// stopSyncing stops the automatic sync; the folder is kept as it is.
func (s *syncer) stopSyncing() {
	s.mu.Lock()
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.folder, s.keyFile = "", ""
	s.mu.Unlock()
	s.u.showSyncBar(false)
}

// round runs one sync round off the UI goroutine (skipped while one runs
// or while an edit waits to be saved, unless asked for), then shows the
// state and reloads the screen when other devices' changes came in.
func (s *syncer) round(asked bool) {
	s.mu.Lock()
	if s.busy || s.folder == "" || (!asked && s.u.saver.Pending()) {
		s.mu.Unlock()
		return
	}
	s.busy = true
	folder, keyFile := s.folder, s.keyFile
	s.mu.Unlock()
	var rep data.SyncReport
	var st data.SyncState
	var err error
	s.u.bridge.Go(func() {
		s.u.saver.Flush()
		ctx := context.Background()
		var key []byte
		if keyFile != "" {
			if key, err = data.ReadKeyFile(keyFile); err != nil {
				return
			}
		}
		rep, err = s.u.store.SyncFolder(ctx, data.SyncOptions{Folder: folder, Key: key})
		if err == nil {
			st, err = s.u.store.SyncStatus(ctx)
		}
	}, func() {
		s.mu.Lock()
		s.busy = false
		s.mu.Unlock()
		if err != nil {
			s.lastErr = err.Error()
		} else {
			s.lastErr = ""
			s.state, s.skipped, s.rejected = st, rep.Skipped, rep.Merge.Rejected
			if len(rep.Read) > 0 && !s.u.saver.Pending() {
				s.u.reloadCurrent()
			}
		}
		s.show()
		if s.onChange != nil {
			s.onChange()
		}
	})
}

// show writes the sync state into the bar.
func (s *syncer) show() {
	s.status.SetText(s.text())
	if s.state.Conflicts > 0 {
		s.review.SetText(fmt.Sprintf("Changes from other devices (%d)…", s.state.Conflicts))
		s.review.Show()
	} else {
		s.review.Hide()
	}
}

// text is the sync state in words.
func (s *syncer) text() string {
	if s.lastErr != "" {
		return "Not synced: " + s.lastErr + " Your work is saved here and syncs when the folder is back."
	}
	st := s.state
	var parts []string
	if st.LastSync.IsZero() {
		parts = append(parts, "Not synced yet")
	} else {
		parts = append(parts, "Synced "+st.LastSync.Local().Format("15:04:05"))
	}
	switch st.Devices {
	case 0:
		parts = append(parts, "no other device yet")
	case 1:
		parts = append(parts, "1 other device")
	default:
		parts = append(parts, fmt.Sprintf("%d other devices", st.Devices))
	}
	parts = append(parts, plural(int(st.Waiting), "change waiting", "changes waiting"))
	if st.Conflicts > 0 {
		parts = append(parts, plural(st.Conflicts, "change from another device to look at", "changes from other devices to look at"))
	}
	if n := len(s.skipped); n > 0 {
		parts = append(parts, plural(n, "file skipped", "files skipped")+fmt.Sprintf(" (%s: %s)", s.skipped[0].Name, s.skipped[0].Reason))
	}
	if n := len(s.rejected); n > 0 {
		parts = append(parts, plural(n, "row not applied", "rows not applied")+" ("+s.rejected[0]+")")
	}
	return strings.Join(parts, " · ")
}

// showSyncBar shows or hides the sync state under the screen.
func (u *UI) showSyncBar(on bool) {
	u.syncBarOn = on
	if len(u.root.Objects) > 0 {
		u.setScreen(u.screen)
	}
}

// addSyncMenu adds Export plan…, Import plan…, Sync folder… and Changes
// from other devices… to the File menu, after Export PDF….
func addSyncMenu(u *UI) {
	u.addFileMenuItems(
		fyne.NewMenuItem("Export plan…", func() { u.exportPlanDialog() }),
		fyne.NewMenuItem("Import plan…", func() { u.importPlanDialog() }),
		fyne.NewMenuItem("Sync folder…", func() { u.syncFolderDialog() }),
		fyne.NewMenuItem("Changes from other devices…", func() { u.sync.showConflicts() }),
	)
}

// exportPlanDialog saves the open (or selected) plan as one file to send.
func (u *UI) exportPlanDialog() {
	id, title := "", ""
	if u.plan != nil {
		id, title = u.plan.pd.Plan.ID, u.plan.pd.Plan.Title
	} else if sel := u.home.selectedID(); sel != "" {
		id = sel
		title = "plan"
	}
	if id == "" {
		dialog.ShowInformation("Export plan", "Open a plan (or select one on Home) first, then export it.", u.win)
		return
	}
	withHistory := widget.NewCheck("Include the sales history of the business", nil)
	about := widget.NewLabel("One file with the plan, its business and all its content, to send to another workspace (by e-mail or a USB stick). Importing it there adds the plan, or merges it field by field when the plan is already there.")
	about.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	choose := widget.NewButtonWithIcon("Choose where to save…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			u.exportPlanTo(id, path, withHistory.Checked)
		}, u.win)
		fd.SetFileName(safeFileName(title) + ".salesplan-plan")
		fd.Resize(DialogSize(u.win))
		fd.Show()
	})
	choose.Importance = widget.HighImportance
	d = dialog.NewCustom("Export plan", "Cancel", container.NewVBox(about, withHistory, container.NewHBox(choose)), u.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// exportPlanTo writes the plan file off the UI goroutine.
func (u *UI) exportPlanTo(id, path string, withHistory bool) {
	u.do(func(ctx context.Context, s *data.DB) error {
		if err := data.CheckTarget(path, s.Path()); err != nil {
			return err
		}
		return data.WriteFileAtomic(path, func(w io.Writer) error { return s.ExportPlan(ctx, w, id, withHistory) })
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		dialog.ShowInformation("Plan exported", "The plan was saved as "+path+". Send it to the other person; they choose File → Import plan….", u.win)
	})
}

// importPlanDialog brings a plan file in and says what it added, changed
// and kept.
func (u *UI) importPlanDialog() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.importPlanFrom(path)
	}, u.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".salesplan-plan"}))
	fd.Resize(DialogSize(u.win))
	fd.Show()
}

func (u *UI) importPlanFrom(path string) {
	var rep data.PlanImport
	u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		rep, err = s.ImportPlan(ctx, path)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.home.summaries = nil
		u.reloadCurrent()
		d := dialog.NewCustomConfirm("Plan imported", "Open it", "Close", widget.NewLabel(rep.Text()), func(open bool) {
			if open {
				u.OpenPlan(rep.PlanID)
			}
		}, u.win)
		d.Show()
		if u.sync != nil && u.sync.active() {
			u.sync.round(true)
		}
	})
}

// syncFolderDialog sets (or stops) the folder the workspace syncs with.
func (u *UI) syncFolderDialog() {
	u.sync.mu.Lock()
	folder, keyFile := u.sync.folder, u.sync.keyFile
	u.sync.mu.Unlock()
	folderEntry := widget.NewEntry()
	folderEntry.SetPlaceHolder("a folder your sync app shares, e.g. ~/Sync/Salesplan")
	folderEntry.SetText(folder)
	keyEntry := widget.NewEntry()
	keyEntry.SetPlaceHolder("optional: the team key file")
	keyEntry.SetText(keyFile)
	folderErr, keyErr := widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{folderErr, keyErr} {
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		l.Hide()
	}
	pickFolder := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folderEntry.SetText(l.Path())
			}
		}, u.win)
		fd.Resize(DialogSize(u.win))
		fd.Show()
	})
	pickKey := widget.NewButtonWithIcon("", theme.FileIcon(), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				keyEntry.SetText(r.URI().Path())
				r.Close()
			}
		}, u.win)
		fd.Resize(DialogSize(u.win))
		fd.Show()
	})
	about := widget.NewLabel("Every laptop of the team points at the same folder, which a sync app you already use keeps in step " +
		"(Syncthing, Dropbox, OneDrive, Nextcloud or a network share). Salesplan writes only its own change files there — never the " +
		"workspace itself — and reads the others'. With a team key file, files not made with the same key are ignored.")
	about.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(about,
		widget.NewLabel("Sync folder"), container.NewBorder(nil, nil, nil, pickFolder, folderEntry), folderErr,
		widget.NewLabel("Team key file"), container.NewBorder(nil, nil, nil, pickKey, keyEntry), keyErr)
	var d dialog.Dialog
	save := widget.NewButtonWithIcon("Sync with this folder", theme.ConfirmIcon(), func() {
		f, k := strings.TrimSpace(folderEntry.Text), strings.TrimSpace(keyEntry.Text)
		folderErr.Hide()
		keyErr.Hide()
		var fErr, kErr string
		u.background(func() {
			fErr, kErr = checkSyncChoice(f, k, u.store.Path())
			if fErr == "" && kErr == "" {
				ctx := context.Background()
				u.store.SetSetting(ctx, data.SettingSyncFolder, f)
				u.store.SetSetting(ctx, data.SettingSyncKeyFile, k)
			}
		}, func() {
			if fErr != "" {
				folderErr.SetText(fErr)
				folderErr.Show()
			}
			if kErr != "" {
				keyErr.SetText(kErr)
				keyErr.Show()
			}
			if fErr != "" || kErr != "" {
				return
			}
			d.Hide()
			u.sync.start(f, k)
		})
	})
	save.Importance = widget.HighImportance
	stop := widget.NewButton("Stop syncing", func() {
		d.Hide()
		u.setSetting(data.SettingSyncFolder, "")
		u.sync.stopSyncing()
	})
	if folder == "" {
		stop.Disable()
	}
	d = dialog.NewCustom("Sync folder", "Cancel", container.NewVBox(form, container.NewHBox(save, stop)), u.win)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// checkSyncChoice says what is wrong with a sync folder and key file, in
// words for the fields ("" when fine).
func checkSyncChoice(folder, keyFile, workspace string) (string, string) {
	var fErr, kErr string
	if folder == "" {
		fErr = "Choose the folder your sync app shares."
	} else if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		fErr = "There is no folder " + folder + ". Create it (or let your sync app create it), then choose it."
	} else if abs, _ := filepath.Abs(folder); filepath.Dir(workspace) == abs {
		fErr = "The workspace itself is in this folder. Choose another folder: a sync app that copies the workspace while it is written damages it."
	}
	if keyFile != "" {
		if _, err := data.ReadKeyFile(keyFile); err != nil {
			kErr = err.Error()
		}
	}
	return fErr, kErr
}

// showConflicts lists the changes from other devices that met an edit
// made here, each with the value that lost and a Restore button.
func (s *syncer) showConflicts() {
	u := s.u
	var list []data.Conflict
	var device string
	u.do(func(ctx context.Context, st *data.DB) error {
		var err error
		if device, err = st.DeviceID(ctx); err != nil {
			return err
		}
		list, err = st.Conflicts(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		var d dialog.Dialog
		box := container.NewVBox()
		if len(list) == 0 {
			box.Add(widget.NewLabel("No changes from other devices to look at: every edit made on two devices at once has been looked at."))
		}
		names := u.tableNames()
		for _, c := range list {
			c := c
			what := names[c.Table]
			if what == "" {
				what = c.Table
			}
			field := strings.ReplaceAll(c.Column, "_", " ")
			var text string
			if c.LostDevice == device {
				text = fmt.Sprintf("%s — %s: your edit here was %s (%s); another device's edit, made without seeing it, is newer: %s.", what, field,
					conflictValue(c.Lost), c.LostAt.Local().Format("2 Jan 15:04"), conflictValue(c.Won))
			} else {
				text = fmt.Sprintf("%s — %s: another device changed it to %s (%s) without seeing the edit made here, which is newer and stays: %s.", what, field,
					conflictValue(c.Lost), c.LostAt.Local().Format("2 Jan 15:04"), conflictValue(c.Won))
			}
			line := widget.NewLabel(text)
			line.Wrapping = fyne.TextWrapWord
			restore := widget.NewButton("Restore "+conflictValue(c.Lost), nil)
			dismiss := widget.NewButton("Keep", nil)
			restore.OnTapped = func() {
				restore.Disable()
				dismiss.Disable()
				u.do(func(ctx context.Context, st *data.DB) error { return st.RestoreConflict(ctx, c.ID) }, func(err error) {
					if err != nil {
						u.showError(err)
						return
					}
					line.SetText(line.Text + " Restored.")
					u.reloadCurrent()
					s.refreshState()
				})
			}
			dismiss.OnTapped = func() {
				restore.Disable()
				dismiss.Disable()
				u.do(func(ctx context.Context, st *data.DB) error { return st.DismissConflict(ctx, c.ID) }, func(err error) {
					if err != nil {
						u.showError(err)
						return
					}
					line.SetText(line.Text + " Kept as it is.")
					s.refreshState()
				})
			}
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(restore, dismiss), line))
		}
		d = dialog.NewCustom("Changes from other devices", "Close", container.NewVScroll(box), u.win)
		d.Resize(DialogSize(u.win))
		d.Show()
	})
}

// refreshState reads the sync state again (after a restore).
func (s *syncer) refreshState() {
	var st data.SyncState
	s.u.do(func(ctx context.Context, db *data.DB) error {
		var err error
		st, err = db.SyncStatus(ctx)
		return err
	}, func(err error) {
		if err == nil {
			s.state = st
			s.show()
		}
	})
}

// tableNames names each content table by its step ("SWOT items (Situation)").
func (u *UI) tableNames() map[string]string {
	out := map[string]string{"plans": "The plan", "businesses": "The business"}
	if u.reg == nil {
		return out
	}
	for _, st := range u.reg.Steps() {
		for _, t := range st.Tables {
			out[t.Name] = st.Title + ": " + strings.ReplaceAll(t.Name, "_", " ")
		}
	}
	return out
}

// conflictValue shows a field value in quotes, briefly.
func conflictValue(v any) string {
	s := fmt.Sprint(v)
	switch x := v.(type) {
	case nil:
		return "empty"
	case float64:
		if x == float64(int64(x)) {
			s = fmt.Sprint(int64(x))
		}
	}
	if len([]rune(s)) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return "“" + s + "”"
}

// plural is "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

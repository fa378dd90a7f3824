package views

import (
	"sync"
	"time"
)

// autosaver saves edits shortly after the user stops typing, and at the
// latest maxWait after the first unsaved change, however fast the user keeps
// typing. Each key (e.g. "plan") keeps only its latest pending save; saves
// run one at a time, in order, off the UI goroutine, and Flush runs what is
// pending right away (on navigation, focus loss, close, Ctrl+Q and SIGTERM).
type autosaver struct {
	delay   time.Duration // quiet time after the last change
	maxWait time.Duration // longest time a change waits unsaved
	onErr   func(error)   // called off the UI goroutine
	saveMu  sync.Mutex    // held while a save runs, so saves never overtake each other

	// clock, replaceable in tests
	now       func() time.Time
	afterFunc func(time.Duration, func()) stopper

	mu      sync.Mutex
	pending map[string]func() error
	order   []string
	first   time.Time // when the oldest pending change was scheduled
	timer   stopper
}

// stopper is the part of *time.Timer the autosaver uses.
type stopper interface{ Stop() bool }

const (
	// debounceDelay is how long after the last keystroke an edit is saved.
	debounceDelay = 250 * time.Millisecond
	// maxSaveWait is the longest an edit waits while typing goes on.
	maxSaveWait = time.Second
)

func newAutosaver(onErr func(error)) *autosaver {
	return &autosaver{delay: debounceDelay, maxWait: maxSaveWait, onErr: onErr, pending: map[string]func() error{},
		now: time.Now, afterFunc: func(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }}
}

// Schedule replaces the pending save for key and restarts the delay, but
// never beyond maxWait after the oldest unsaved change.
func (s *autosaver) Schedule(key string, save func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if len(s.pending) == 0 {
		s.first = now
	}
	if _, ok := s.pending[key]; !ok {
		s.order = append(s.order, key)
	}
	s.pending[key] = save
	if s.timer != nil {
		s.timer.Stop()
	}
	wait := s.delay
	if s.maxWait > 0 {
		wait = min(wait, max(0, s.first.Add(s.maxWait).Sub(now)))
	}
	s.timer = s.afterFunc(wait, func() { s.Flush() })
}

// Pending reports whether an edit waits to be saved.
func (s *autosaver) Pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending) > 0
}

// Flush saves everything pending now and returns when it is stored.
func (s *autosaver) Flush() {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	saves := make([]func() error, 0, len(s.order))
	for _, k := range s.order {
		saves = append(saves, s.pending[k])
	}
	s.pending = map[string]func() error{}
	s.order = nil
	s.mu.Unlock()
	for _, save := range saves {
		if err := save(); err != nil && s.onErr != nil {
			s.onErr(err)
		}
	}
}

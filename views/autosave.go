package views

import (
	"sync"
	"time"
)

// autosaver saves edits shortly after the user stops typing. Each key (e.g.
// "plan") keeps only its latest pending save; saves run one at a time, in
// order, off the UI goroutine, and Flush runs what is pending right away
// (on navigation, focus loss, close, Ctrl+Q and SIGTERM).
type autosaver struct {
	delay  time.Duration
	onErr  func(error) // called off the UI goroutine
	saveMu sync.Mutex  // held while a save runs, so saves never overtake each other

	mu      sync.Mutex
	pending map[string]func() error
	order   []string
	timer   *time.Timer
}

// debounceDelay is how long after the last keystroke an edit is saved.
const debounceDelay = 250 * time.Millisecond

func newAutosaver(onErr func(error)) *autosaver {
	return &autosaver{delay: debounceDelay, onErr: onErr, pending: map[string]func() error{}}
}

// Schedule replaces the pending save for key and restarts the delay.
func (s *autosaver) Schedule(key string, save func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pending[key]; !ok {
		s.order = append(s.order, key)
	}
	s.pending[key] = save
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.delay, func() { s.Flush() })
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

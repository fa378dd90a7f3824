package views

import (
	"sync"
	"testing"
	"time"
)

// fakeClock drives an autosaver's timers by hand.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool { was := !t.stopped; t.stopped = true; return was }

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) AfterFunc(d time.Duration, f func()) stopper {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

// Advance moves the clock by d, firing the timers that fall due on the way,
// each at its own time.
func (c *fakeClock) Advance(d time.Duration) {
	end := c.Now().Add(d)
	for {
		c.mu.Lock()
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.stopped && !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		next.stopped = true
		c.now = next.at
		c.mu.Unlock()
		next.f()
	}
}

func newFakeSaver() (*autosaver, *fakeClock) {
	c := &fakeClock{now: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
	s := newAutosaver(nil)
	s.now, s.afterFunc = c.Now, c.AfterFunc
	return s, c
}

func TestAutosaveMaxWaitWhileTypingGoesOn(t *testing.T) {
	s, c := newFakeSaver()
	start := c.Now()
	var mu sync.Mutex
	typedAt := map[int]time.Time{} // keystroke -> when typed
	savedAt := map[int]time.Time{} // keystroke -> when its text was stored
	stored := -1
	// A key every 50 ms for 2 s: the debounce alone would never fire.
	for i := 0; i < 40; i++ {
		i := i
		typedAt[i] = c.Now()
		s.Schedule("plan", func() error {
			mu.Lock()
			defer mu.Unlock()
			for k := stored + 1; k <= i; k++ {
				savedAt[k] = c.Now()
			}
			stored = i
			return nil
		})
		c.Advance(50 * time.Millisecond)
	}
	mu.Lock()
	first, ok := savedAt[0]
	mu.Unlock()
	if !ok || first.Sub(start) > time.Second {
		t.Fatalf("first keystroke saved at %v after typing began (saved: %v); want at most 1 s", first.Sub(start), ok)
	}
	c.Advance(2 * time.Second)
	for i := 0; i < 40; i++ {
		at, ok := savedAt[i]
		if !ok {
			t.Fatalf("keystroke %d never saved", i)
		}
		if w := at.Sub(typedAt[i]); w > time.Second {
			t.Errorf("keystroke %d waited %v unsaved; want at most 1 s", i, w)
		}
	}
}

func TestAutosaveDebouncesAQuickBurst(t *testing.T) {
	s, c := newFakeSaver()
	saves := 0
	for i := 0; i < 4; i++ {
		s.Schedule("plan", func() error { saves++; return nil })
		c.Advance(100 * time.Millisecond)
	}
	if saves != 0 {
		t.Errorf("saved %d times during a 400 ms burst; want the debounce to wait", saves)
	}
	c.Advance(debounceDelay)
	if saves != 1 || s.Pending() {
		t.Errorf("after the pause: %d saves, pending %v; want one save", saves, s.Pending())
	}
}

// The real clock: a save lands about 1 s into continuous typing.
func TestAutosaveMaxWaitRealClock(t *testing.T) {
	s := newAutosaver(nil)
	start := time.Now()
	saved := make(chan time.Time, 100)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Since(start) < 2*time.Second {
		s.Schedule("plan", func() error { saved <- time.Now(); return nil })
		<-tick.C
	}
	s.Flush()
	select {
	case at := <-saved:
		if d := at.Sub(start); d > 1500*time.Millisecond {
			t.Errorf("first save %v after typing began; want about 1 s", d)
		}
	default:
		t.Fatal("nothing saved")
	}
}

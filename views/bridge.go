package views

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// bridge is the one way work leaves the UI goroutine and its result comes
// back: Go runs work on a goroutine, then its result (done) on the UI
// goroutine. Every store call of the screens goes through it, so a
// workspace locked by another process (a long CLI import) never freezes
// the window.
//
// In the app the results go through fyne.Do. A test drives the UI
// goroutine itself: with queued results, Wait runs them on the test's
// goroutine once the work is done (Fyne's test driver would otherwise run
// fyne.Do inline on the worker goroutine, beside the test).
type bridge struct {
	jobs   sync.WaitGroup
	queued bool // results wait for Wait (tests)

	mu     sync.Mutex
	queue  []func()
	timers map[*time.Timer]func() // pending timers → what releases their Wait (nil: not waited for)
	closed bool
}

func newBridge(queued bool) *bridge {
	return &bridge{queued: queued, timers: map[*time.Timer]func(){}}
}

// Go runs work off the UI goroutine and then done (if not nil) on it.
func (b *bridge) Go(work func(), done func()) {
	b.jobs.Add(1)
	go func() {
		defer b.jobs.Done()
		work()
		b.finish(done)
	}()
}

// finish hands done to the UI goroutine.
func (b *bridge) finish(done func()) {
	if done == nil {
		return
	}
	if !b.queued {
		fyne.Do(done)
		return
	}
	b.mu.Lock()
	b.queue = append(b.queue, done)
	b.mu.Unlock()
}

// Debounce runs work off the UI goroutine after d, then done on it; Wait
// waits for it. Stop drops it.
func (b *bridge) Debounce(d time.Duration, work func(), done func()) *time.Timer {
	b.jobs.Add(1)
	var once sync.Once
	release := func() { once.Do(b.jobs.Done) }
	b.mu.Lock()
	defer b.mu.Unlock()
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		defer release()
		b.mu.Lock() // t is set under the same lock
		delete(b.timers, t)
		b.mu.Unlock()
		work()
		b.finish(done)
	})
	if b.closed {
		if t.Stop() {
			release()
		}
		return t
	}
	b.timers[t] = release
	return t
}

// Later runs fn on the UI goroutine after d (an Undo bar that hides). Close
// drops it; Wait does not wait for it.
func (b *bridge) Later(d time.Duration, fn func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		b.mu.Lock() // t is set under the same lock
		delete(b.timers, t)
		b.mu.Unlock()
		b.finish(fn)
	})
	b.timers[t] = nil
}

// Stop drops a debounced job that has not started yet.
func (b *bridge) Stop(t *time.Timer) {
	if t == nil {
		return
	}
	b.mu.Lock()
	release, ok := b.timers[t]
	delete(b.timers, t)
	b.mu.Unlock()
	if ok && t.Stop() && release != nil {
		release()
	}
}

// Wait returns when every job started so far, and every job their
// results start, has finished; with queued results it runs them on the
// calling goroutine.
func (b *bridge) Wait() {
	for {
		b.jobs.Wait()
		b.mu.Lock()
		q := b.queue
		b.queue = nil
		b.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, done := range q {
			done()
		}
	}
}

// Close drops the pending timers and queued results; jobs already running
// finish.
func (b *bridge) Close() {
	b.mu.Lock()
	b.closed = true
	timers := b.timers
	b.timers = map[*time.Timer]func(){}
	b.queue = nil
	b.mu.Unlock()
	for t, release := range timers {
		if t.Stop() && release != nil {
			release()
		}
	}
}

package views

import (
	"testing"
	"time"
)

func TestAfterQuitEndsAHungShutdown(t *testing.T) {
	returned := make(chan struct{})
	exited := make(chan time.Time, 1)
	start := time.Now()
	go afterQuit(returned, 100*time.Millisecond, func() { exited <- time.Now() })
	select {
	case at := <-exited:
		if d := at.Sub(start); d < 100*time.Millisecond {
			t.Errorf("hard exit after %v, before the wait", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a hung toolkit was never ended")
	}
}

func TestAfterQuitLeavesACleanReturnAlone(t *testing.T) {
	returned := make(chan struct{})
	close(returned)
	called := false
	afterQuit(returned, 50*time.Millisecond, func() { called = true })
	time.Sleep(100 * time.Millisecond)
	if called {
		t.Error("hard exit after the toolkit returned")
	}
}

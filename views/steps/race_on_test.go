//go:build race

package steps

import "time"

// blockLimit is how much longer a UI call may take while the workspace is
// locked. The race detector slows the calls beside the goroutines that
// wait for the lock by a few hundred milliseconds, so under it the limit
// only tells a call that waits for the store (it would wait the whole 5 s)
// from one that does not; `make test` also runs the test without the race
// detector, where the limit is 50 ms.
const blockLimit = time.Second

//go:build !race

package steps

import "time"

// blockLimit is how much longer a UI call may take while the workspace is
// locked: 50 ms (see race_on_test.go for the race detector's limit).
const blockLimit = 50 * time.Millisecond

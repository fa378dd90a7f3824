//go:build race

package cli

// raceEnabled: the race detector makes every child several times slower.
const raceEnabled = true

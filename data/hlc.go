package data

import (
	"fmt"
	"strconv"
	"time"
)

// HLC is a hybrid logical clock value: milliseconds since 1970 in the high
// 48 bits and a counter in the low 16. A device's clock never goes
// backwards, even when its wall clock does, and it moves past every clock
// value it receives, so an edit made after seeing another is newer.
type HLC uint64

// hlcNext returns the clock value after last at wall time wall.
func hlcNext(last HLC, wall time.Time) HLC {
	p := HLC(wall.UnixMilli()) << 16
	if wall.UnixMilli() > 0 && p > last {
		return p
	}
	return last + 1
}

// hlcObserve returns the clock after receiving remote.
func hlcObserve(last, remote HLC) HLC { return max(last, remote) }

// Time returns the wall-clock part of h.
func (h HLC) Time() time.Time { return time.UnixMilli(int64(h >> 16)).UTC() }

// version is one write of a field: the clock value and the device, as a
// fixed-width text ("%016x" + device ID) so that text order is version
// order (later clock first, the device ID breaking ties).
type version string

const deviceIDLen = 16

func makeVersion(h HLC, device string) version {
	return version(fmt.Sprintf("%016x%s", uint64(h), device))
}

// clock returns the version's clock value (0 for the empty version).
func (v version) clock() HLC {
	if len(v) < 16 {
		return 0
	}
	n, _ := strconv.ParseUint(string(v[:16]), 16, 64)
	return HLC(n)
}

// device returns the ID of the device that wrote the version.
func (v version) device() string {
	if len(v) < 16 {
		return ""
	}
	return string(v[16:])
}

// validVersion reports whether s is a version another device may send:
// hex clock and device ID of the right lengths, and a clock not further in
// the future than limit.
func validVersion(s string, limit HLC) bool {
	if len(s) != 16+deviceIDLen || !isHex(s) {
		return false
	}
	c := version(s).clock()
	return c > HLC(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli())<<16 && c <= limit
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

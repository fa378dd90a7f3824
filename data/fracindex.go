package data

import "strings"

// Positions in ordered lists are kept as fractional index keys: strings
// whose text order is the list order, so that a row can always be put
// between two others without renumbering them, and two devices that insert
// at the same place at once make different keys (each key ends with a
// two-character tag of the device).

const keyDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// keyTag returns the two-character tag of a device (never '0', so no key
// ends with the zero digit).
func keyTag(device string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(device); i++ {
		h = (h ^ uint32(device[i])) * 16777619
	}
	const n = uint32(len(keyDigits) - 1)
	return string([]byte{keyDigits[1+int(h%n)], keyDigits[1+int((h/n)%n)]})
}

func digitOf(c byte) int { return strings.IndexByte(keyDigits, c) }

// validKey reports whether k is a usable position key.
func validKey(k string) bool {
	if k == "" || len(k) > 512 || k[len(k)-1] == '0' {
		return false
	}
	for i := 0; i < len(k); i++ {
		if digitOf(k[i]) < 0 {
			return false
		}
	}
	return true
}

// midpoint returns a key strictly between a and b (a < b; b == "" is the
// end), neither ending in the zero digit.
func midpoint(a, b string) string {
	if b != "" {
		n := 0
		for n < len(b) {
			ca := byte('0')
			if n < len(a) {
				ca = a[n]
			}
			if ca != b[n] {
				break
			}
			n++
		}
		if n > 0 {
			rest := ""
			if n < len(a) {
				rest = a[n:]
			}
			return b[:n] + midpoint(rest, b[n:])
		}
	}
	da := 0
	if a != "" {
		da = digitOf(a[0])
	}
	db := len(keyDigits)
	if b != "" {
		db = digitOf(b[0])
	}
	if db-da > 1 {
		return string(keyDigits[(da+db+1)/2])
	}
	if len(b) > 1 {
		return b[:1]
	}
	rest := ""
	if len(a) > 1 {
		rest = a[1:]
	}
	return string(keyDigits[da]) + midpoint(rest, "")
}

// keyBetween returns a new key of device tag between a and b ("" for no
// bound).
func keyBetween(a, b, tag string) string {
	if b == "" {
		return keyAfter(a, tag)
	}
	m := midpoint(a, b)
	for range 8 {
		if c := m + tag; c < b {
			return c
		}
		m = midpoint(m, b)
	}
	return m
}

// keyAfter returns a new key after a: the same length as a mostly (its
// body counted up by one), so that appending keeps keys short.
func keyAfter(a, tag string) string {
	if len(a) < 6 {
		if a == "" {
			return "a001" + tag
		}
		return midpoint(a, "") + tag
	}
	body := []byte(a[:len(a)-2])
	for i := len(body) - 1; i >= 0; i-- {
		d := digitOf(body[i])
		if d < len(keyDigits)-1 {
			body[i] = keyDigits[d+1]
			for j := i + 1; j < len(body); j++ {
				body[j] = '0'
			}
			k := string(body) + tag
			if k > a {
				return k
			}
			break
		}
	}
	return midpoint(a, "") + tag
}

// Package localeenv makes a "C.UTF-8"-style locale (the default of Debian
// containers) readable to the GUI toolkit before the toolkit looks at it.
//
// Fyne parses the user's locale while its lang package is initialised,
// before main runs, and logs "Fyne error: Error parsing user locale C" for
// C.UTF-8. This package imports nothing but os and strings, so by the Go
// initialisation order (ready packages are initialised in import-path
// order, and "salesplan/…" sorts before "text/template", which Fyne's lang
// package needs) its init runs before Fyne's. Import it first from main.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if v, ok := Fix(os.Getenv); ok {
		os.Setenv("LANGUAGE", v)
	}
}

// Fix returns the LANGUAGE value to set when the effective message locale
// is the C or POSIX locale with a code set (e.g. "C.UTF-8", "POSIX.utf8"),
// which GUI toolkits cannot parse as a language tag. It leaves an explicit
// LANGUAGE alone. Salesplan's own number and date formats read LC_ALL,
// LC_MONETARY and LANG, never LANGUAGE, so they are not affected.
func Fix(getenv func(string) string) (string, bool) {
	if getenv("LANGUAGE") != "" {
		return "", false
	}
	for _, k := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if (lang == "C" || lang == "POSIX") && v != lang {
			return "en", true
		}
		return "", false
	}
	return "", false
}

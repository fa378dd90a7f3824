package cli

import (
	"runtime"

	"salesplan/app"
)

// checkDisplay refuses to start the window where there is no graphical
// display to show it on (Linux and the BSDs without X11 or Wayland), with a
// sentence instead of the toolkit's panic.
func checkDisplay(env Env) error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return nil
	}
	if env.Getenv("DISPLAY") != "" || env.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return app.Errorf(app.ErrInvalid, "The Salesplan window needs a graphical display, and none was found (neither DISPLAY nor WAYLAND_DISPLAY is set). "+
		"Start it from a desktop session, or use the command line: see 'salesplan --help'.")
}

package app

import (
	"errors"
	"fmt"
)

// Error codes say what kind of failure an Error is, so callers can react
// (e.g. ask for confirmation on ErrConflict) without parsing text.
const (
	ErrInvalid      = "invalid"       // the input breaks a rule; Message says which
	ErrNotFound     = "not_found"     // the thing asked for does not exist
	ErrConflict     = "conflict"      // the change needs a confirmation or clashes with data
	ErrNotWorkspace = "not_workspace" // the file is not a Salesplan workspace
	ErrTooNew       = "too_new"       // the workspace was written by a newer Salesplan
	ErrInternal     = "internal"      // anything else; Message stays generic
)

// Error is a failure with a sentence a non-technical person understands.
// Err keeps the technical cause for logs.
type Error struct {
	Code    string
	Message string
	Err     error
}

// Error returns the user-facing message, followed by the cause if any.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + " (" + e.Err.Error() + ")"
	}
	return e.Message
}

// Unwrap returns the technical cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, else
// ErrInternal; nil gives "".
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}

// ErrorMessage returns the sentence to show a person for err: the Message of
// an *Error, or a generic sentence for anything else.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong. Your saved work is safe; please try again."
}

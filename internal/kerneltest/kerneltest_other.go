// SPDX-License-Identifier: Apache-2.0

//go:build !linux

package kerneltest

import (
	"context"
	"runtime"
)

// Available reports whether Run can be used; on this OS it never can.
func Available() (ok bool, reason string) {
	return false, "kerneltest needs Linux (GOOS=" + runtime.GOOS + ")"
}

// Run always fails with ErrUnavailable on this OS.
func Run(ctx context.Context, script string) (Result, error) {
	return Result{}, ErrUnavailable
}

// HostBinds returns nil on this OS: there is no sandbox.
func HostBinds() []string { return nil }

// HostBindMounts always fails with ErrUnavailable on this OS.
func HostBindMounts() ([]BindMount, error) { return nil, ErrUnavailable }

// RunExclusive always fails with ErrUnavailable on this OS.
func RunExclusive(ctx context.Context, script string) (Result, error) {
	return Result{}, ErrUnavailable
}

// Share has nothing to coordinate on this OS.
func Share(ctx context.Context) (release func(), err error) { return func() {}, nil }

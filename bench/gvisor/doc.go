// SPDX-License-Identifier: Apache-2.0

// Package gvbench runs the same file system and mount benchmarks on
// linuxvfs and on gVisor's sentry VFS (vfs.VirtualFilesystem with its
// tmpfs, no kernel.Kernel) in one `go test -bench` run, for a ratio table
// (docs/performance.md, section "Side by side with gVisor").
//
// It is a module of its own so that the main module never depends on
// gVisor; the main module's `go test ./...` and `go vet ./...` stop at its
// go.mod. Run it from this directory:
//
//	go test -run XXX -bench . -count 5 | tee /tmp/gv.txt
//	go run ./ratio < /tmp/gv.txt
package gvbench

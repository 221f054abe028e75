// SPDX-License-Identifier: Apache-2.0

// Package bench holds linuxvfs's benchmarks against the host kernel and
// other in-memory filesystems. It has no code of its own: run
//
//	go test -run XXX -bench Stat -benchmem -count 5 ./bench/
//
// and see docs/performance.md for the numbers and targets.
package bench

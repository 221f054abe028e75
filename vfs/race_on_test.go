// SPDX-License-Identifier: Apache-2.0

//go:build race

package vfs_test

// raceEnabled reports a -race build: tests that would only trip a known
// data race skip under it.
const raceEnabled = true

// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"reflect"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestReportTablesEndUnconditionally: every errno and problem a table
// names ends with a row that always applies, so a case the table knows
// never falls through to the generic "<what>: <strerror>" line.
func TestReportTablesEndUnconditionally(t *testing.T) {
	always := reflect.ValueOf(always).Pointer()
	check := func(name string, key any, rows []row) {
		if len(rows) == 0 || reflect.ValueOf(rows[len(rows)-1].when).Pointer() != always {
			t.Errorf("%s[%v]: the last row is conditional", name, key)
		}
	}
	for e, rows := range mountCallRows {
		check("mountCallRows", e, rows)
	}
	for e, rows := range umountCallRows {
		check("umountCallRows", e, rows)
	}
	for e, rows := range mountEarlyRows {
		check("mountEarlyRows", e, rows)
	}
	for e, rows := range mountLateRows {
		check("mountLateRows", e, rows)
	}
}

// TestReportFill: placeholders are filled once; a source that looks like
// one stays as it is.
func TestReportFill(t *testing.T) {
	s := &situation{src: "{type}", fstype: "tmpfs", err: linux.ENOENT}
	if got, want := s.fill("{src} on {type}: {err}"), "{type} on tmpfs: No such file or directory"; got != want {
		t.Errorf("fill = %q, want %q", got, want)
	}
	s = &situation{err: probBadOptions, optErrno: linux.EINVAL, options: "rw,offset=x"}
	if got, _ := s.pick(mountEarlyRows, "mount failed"); got != "failed to parse mount options 'rw,offset=x': Invalid argument" {
		t.Errorf("bad options: %q", got)
	}
	s = &situation{err: linux.ENOMEM}
	if got, status := s.pick(mountEarlyRows, "mount failed"); got != "mount failed: Cannot allocate memory" || status != exitNoMemory {
		t.Errorf("ENOMEM: %q, %d", got, status)
	}
}

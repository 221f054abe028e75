// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"time"
)

// print writes one line: the amount in the output units, the time with
// --time, a tab and the name, ended by a newline (a NUL with -0).
func (r *duRun) print(u duInfo, name string) {
	v := u.size
	if r.o.inodes {
		v = u.inodes
	}
	out := r.c.Out
	if v == ^uint64(0) {
		out.WriteString("Infinity")
	} else {
		out.WriteString(r.o.units.Style.Amount(v, 1, r.o.units.Size))
	}
	if r.o.showTime {
		out.WriteByte('\t')
		out.WriteString(strftime(r.o.timeFormat, time.Unix(u.latest.Sec, u.latest.Nsec).In(time.UTC)))
	}
	out.WriteByte('\t')
	out.WriteString(name)
	if r.o.nul {
		out.WriteByte(0)
	} else {
		out.WriteByte('\n')
	}
	out.Flush() // print_size flushes each line
}

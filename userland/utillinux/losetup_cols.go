// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// The columns of losetup --list, in the order --output-all and --help
// give them.

type loopCol struct {
	name  string
	hint  float64
	right bool
	kind  cellKind
	about string // for --help
	value func(d *loopNode) string
}

var loopCols = []loopCol{
	{"NAME", 0.25, false, cellText, "the loop device", func(d *loopNode) string { return d.path }},
	{"AUTOCLEAR", 1, true, cellFlag, "1 if the device goes when its last user closes it", flagCell(linux.LO_FLAGS_AUTOCLEAR)},
	{"BACK-FILE", 0.3, false, cellText, "the file behind the device", func(d *loopNode) string {
		name, _ := d.fileName()
		return name
	}},
	{"BACK-INO", 4, true, cellNumber, "inode number of that file", func(d *loopNode) string {
		if info, err := d.status(); err == nil && info.Inode != 0 {
			return fmt.Sprint(info.Inode)
		}
		return ""
	}},
	{"BACK-MAJ:MIN", 6, false, cellText, "device number of the file's filesystem", func(d *loopNode) string {
		if info, err := d.status(); err == nil && info.Device != 0 {
			return fmt.Sprintf("%8d:%-3d", linux.Major(info.Device), linux.Minor(info.Device))
		}
		return ""
	}},
	{"MAJ:MIN", 3, false, cellText, "device number of the loop device", func(d *loopNode) string {
		st, err := d.t.Stat(d.path)
		if err == nil && applet.IsBlk(uint32(st.Mode)) && st.RdevMajor == linux.LOOP_MAJOR {
			return fmt.Sprintf("%3d:%-3d", st.RdevMajor, st.RdevMinor)
		}
		return ""
	}},
	{"OFFSET", 5, true, cellNumber, "where in the file the device starts", func(d *loopNode) string {
		sp, err := d.span()
		return decimalCell(sp.off, err)
	}},
	{"PARTSCAN", 1, true, cellFlag, "1 if partitions are scanned", flagCell(linux.LO_FLAGS_PARTSCAN)},
	{"RO", 1, true, cellFlag, "1 if the device is read-only", flagCell(linux.LO_FLAGS_READ_ONLY)},
	{"SIZELIMIT", 5, true, cellNumber, "most bytes of the file used (0: to its end)", func(d *loopNode) string {
		sp, err := d.span()
		return decimalCell(sp.limit, err)
	}},
	{"DIO", 1, true, cellFlag, "1 if the file is read and written with direct I/O", flagCell(linux.LO_FLAGS_DIRECT_IO)},
	{"LOG-SEC", 4, true, cellNumber, "size of the logical blocks, in bytes", func(d *loopNode) string { return decimalCell(d.sectorSize()) }},
}

// loopDefaultCols are the columns of --list without --output.
var loopDefaultCols = []string{"NAME", "SIZELIMIT", "OFFSET", "AUTOCLEAR", "RO", "BACK-FILE", "DIO", "LOG-SEC"}

func flagCell(bit uint32) func(d *loopNode) string {
	return func(d *loopNode) string {
		if d.flag(bit) {
			return "1"
		}
		return "0"
	}
}

// decimalCell is a number cell, empty when there is no number.
func decimalCell(n uint64, err error) string {
	if err != nil {
		return ""
	}
	return fmt.Sprint(int64(n))
}

// loopColByName finds a column, ignoring case; -1 if there is none.
func loopColByName(name string) int {
	for i := range loopCols {
		if strings.EqualFold(loopCols[i].name, name) {
			return i
		}
	}
	return -1
}

// pickColumns reads --output's list (columnList).
func (j *losetupJob) pickColumns(spec string) bool {
	cols, ok := j.c.columnList(spec, j.cols, 2*len(loopCols), loopColByName)
	j.cols = cols
	return ok
}

// outputSpec is an --output argument and whether one was given at all:
// an empty list is an error (columnList), not the default columns.
type outputSpec struct {
	list string
	set  bool
}

// take records the option's argument (for FlagSet.ArgFunc).
func (o *outputSpec) take(v string) error {
	o.list, o.set = v, true
	return nil
}

// columnList is util-linux's string_add_to_idarray for an --output list:
// names separated by commas, replacing cols, or with a leading '+' added
// to them; at most limit in all. An empty name, or too many names, fails
// without a word; an unknown one is reported with what is left of the
// list. A trailing comma belongs to the last name.
func (c *cmd) columnList(spec string, cols []int, limit int, byName func(string) int) ([]int, bool) {
	rest, add := strings.CutPrefix(spec, "+")
	if spec == "" || rest == "" {
		return cols, false
	}
	if !add {
		cols = nil
	}
	for rest != "" {
		if len(cols) >= limit {
			return cols, false
		}
		name, tail, comma := strings.Cut(rest, ",")
		if comma && tail == "" {
			name = rest
		}
		if name == "" {
			return cols, false
		}
		id := byName(name)
		if id < 0 {
			c.warnf("unknown column: %s", rest)
			return cols, false
		}
		cols = append(cols, id)
		if comma && tail == "" {
			break
		}
		rest = tail
	}
	return cols, true
}

// listTable prints --list: of the device given, or of every attached one
// (those pick picks, when it is not nil).
func (j *losetupJob) listTable(pick *associated) {
	tb := &table{noHeader: j.noHeader, jsonName: "loopdevices"}
	switch {
	case j.json:
		tb.format = formatJSON
	case j.raw:
		tb.format = formatRaw
	}
	for _, id := range j.cols {
		col := loopCols[id]
		tb.addCol(&tableCol{header: col.name, hint: col.hint, right: col.right, kind: col.kind})
	}
	fill := func(d *loopNode) {
		row := tb.addRow(nil)
		for i, id := range j.cols {
			row.cells[i] = loopCols[id].value(d)
		}
	}
	if j.dev != nil {
		fill(j.dev)
	} else {
		nodes := attachedLoops(j.c.Task)
		defer closeLoops(nodes, nil)
		for _, n := range nodes {
			if pick == nil || pick.picks(n) {
				fill(n)
			}
		}
	}
	tb.render(j.c.Out)
}

// losetupHelp is --help: the usage text and the columns.
func losetupHelp() string {
	var b strings.Builder
	b.WriteString(helpTexts["losetup"])
	b.WriteString("\nColumns for -O (--list output):\n")
	for _, col := range loopCols {
		fmt.Fprintf(&b, " %12s  %s\n", col.name, col.about)
	}
	return b.String()
}

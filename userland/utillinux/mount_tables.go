// SPDX-License-Identifier: Apache-2.0

package utillinux

import "strings"

// tableSet is where mount looks up what the command line leaves out:
// fstab and, for a remount, the mount table. The empty set is
// --options-source=disable, and what -B, -M, -R and --make-* imply.
type tableSet uint8

const (
	tableFstab tableSet = 1 << iota
	tableMtab
	tableNone // "disable": clears the others
)

// optsMode is how a table entry's options join the command line's
// (--options-mode); optsNone, left by -B, -M, -R and --make-*, takes none.
type optsMode uint8

const (
	optsNone optsMode = iota
	optsIgnore
	optsAppend
	optsPrepend
	optsReplace
)

// optsModeNames are --options-mode's words, matched exactly.
var optsModeNames = map[string]optsMode{
	"ignore": optsIgnore, "append": optsAppend, "prepend": optsPrepend, "replace": optsReplace,
}

// parseTableSet reads --options-source: a comma list of fstab, mtab and
// disable, split as util-linux's string_to_bitmask does (an empty name
// fails, a trailing comma stays with the last name). An empty list is
// the empty set, which leaves the default.
func parseTableSet(list string) (tableSet, bool) {
	var set tableSet
	for rest := list; rest != ""; {
		name, tail, comma := strings.Cut(rest, ",")
		if comma && tail == "" {
			name, tail = rest, ""
		}
		var bit tableSet
		switch name {
		case "fstab":
			bit = tableFstab
		case "mtab":
			bit = tableMtab
		case "disable":
			bit = tableNone
		default:
			return 0, false
		}
		set |= bit
		rest = tail
	}
	return set, true
}

// settleTables sets the job's look-up from the options, libmount's way:
// prepending options from fstab or the mount table by default; disable
// (or an operation, which needs no table: notab) drops the tables and
// the force.
func (j *mountJob) settleTables(a *mountArgs, notab bool) {
	j.tables, j.optsMode, j.forceTables = tableFstab|tableMtab, optsPrepend, a.forceTables
	if a.optsMode != optsNone {
		j.optsMode = a.optsMode
	}
	if a.optsSource != 0 {
		j.tables = a.optsSource
	}
	if notab {
		j.tables, j.optsMode = tableNone, optsNone
	}
	if j.tables&tableNone != 0 {
		j.tables, j.forceTables = 0, false
	}
}

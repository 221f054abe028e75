// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// losetup(8): attach files to loop devices, detach them, list them. This
// file reads the command line into a losetupJob; losetup_run.go carries
// the job out and losetup_cols.go has the --list columns.

// What losetup was asked to do.
type losetupAction int

const (
	loNothing     losetupAction = iota
	loAttach                    // DEVICE FILE, or -f FILE
	loDetach                    // -d
	loDetachAll                 // -D
	loList                      // -a, -j, --list without a device
	loShowDevice                // one device operand
	loFindFree                  // -f alone
	loCapacity                  // -c
	loSetDirectIO               // --direct-io with a device operand
	loSetSector                 // -b with a device operand
)

// Identifiers of the options without a short form.
const (
	loOptSizelimit = 1000 + iota
	loOptShow
	loOptRaw
	loOptDirectIO
	loOptOutputAll
)

var losetupOptions = []ulOpt{
	{short: 'a', long: "all"},
	{short: 'c', long: "set-capacity", arg: ulReqArg},
	{short: 'd', long: "detach", arg: ulReqArg},
	{short: 'D', long: "detach-all"},
	{short: 'f', long: "find"},
	{short: 'L', long: "nooverlap"},
	{short: 'h', long: "help"},
	{short: 'j', long: "associated", arg: ulReqArg},
	{short: 'J', long: "json"},
	{short: 'l', long: "list"},
	{short: 'b', long: "sector-size", arg: ulReqArg},
	{short: 'n', long: "noheadings"},
	{short: 'o', long: "offset", arg: ulReqArg},
	{short: 'O', long: "output", arg: ulReqArg},
	{long: "output-all", id: loOptOutputAll},
	{long: "sizelimit", arg: ulReqArg, id: loOptSizelimit},
	{short: 'P', long: "partscan"},
	{short: 'r', long: "read-only"},
	{long: "direct-io", arg: ulOptArg, id: loOptDirectIO},
	{long: "raw", id: loOptRaw},
	{long: "show", id: loOptShow},
	{short: 'v', long: "verbose"},
	{short: 'V', long: "version"},
}

// losetupConflicts are the sets of options that exclude each other.
var losetupConflicts = [][]int{
	{'D', 'a', 'c', 'd', 'f', 'j'},
	{'D', 'c', 'd', 'f', 'l'},
	{'D', 'c', 'd', 'f', 'O'},
	{'J', loOptRaw},
}

// losetupJob is one run of losetup.
type losetupJob struct {
	c      *cmd
	action losetupAction
	dev    *loopDev // the device named by an option or operand

	setup      loopSetup // for loAttach (also -j's offset)
	hasOffset  bool
	hasLimit   bool
	sectorSet  bool // -b given
	dioSet     bool // --direct-io given
	dioOn      bool
	noOverlap  bool
	printDev   bool   // --show
	assocFile  string // -j FILE
	list       bool   // table output
	outSpec    string // -O's argument
	hasOutSpec bool
	noHeader   bool
	raw, json  bool
	cols       []int
}

// ulLosetupApplet is losetup's entry point.
func ulLosetupApplet(c *cmd) int {
	parsed, operands, ok := c.ulGetopt(losetupOptions, false)
	if !ok {
		return c.ulTryHelp(1)
	}
	j := &losetupJob{c: c}
	defer j.setDev(nil)
	for i, p := range parsed {
		// Conflicts are found as the options are read, so that an option
		// that ends the run early (--help) counts only if it comes first.
		if !c.ulExclusive(parsed[:i+1], losetupOptions, losetupConflicts) {
			return 1
		}
		if status, stop := j.takeOption(p); stop {
			return status
		}
	}
	rest, ok := j.settle(operands)
	if !ok {
		return 1
	}
	return j.run(rest)
}

// setDev makes d the job's device, releasing the previous one.
func (j *losetupJob) setDev(d *loopDev) {
	if j.dev != nil && j.dev != d {
		j.dev.release()
	}
	j.dev = d
}

// namedDevice takes a device named on the command line, which must be a
// loop device node.
func (j *losetupJob) namedDevice(name string) bool {
	if !isLoopNode(j.c.Task, name) {
		j.c.ulWarn("%s: failed to use device: %s", name, linux.ENODEV.Error())
		return false
	}
	j.setDev(newLoopDev(j.c.Task, name))
	return true
}

// takeOption applies one option; stop means exit with status.
func (j *losetupJob) takeOption(p ulParsed) (status int, stop bool) {
	switch p.id {
	case 'h':
		return losetupHelp(j.c), true
	case 'V':
		j.c.versionLine()
		return 0, true
	case 'b', 'o', loOptSizelimit:
		return j.sizeOption(p)
	case loOptDirectIO:
		j.dioSet, j.dioOn = true, true
		switch {
		case !p.hasArg || p.arg == "on":
		case p.arg == "off":
			j.dioOn = false
		default:
			j.c.ulWarn("argument error: '%s'", p.arg)
			return 1, true
		}
		if j.dioOn {
			j.setup.flags |= linux.LO_FLAGS_DIRECT_IO
		}
	case 'c', 'd':
		j.action = loCapacity
		if p.id == 'd' {
			j.action = loDetach
		}
		if !j.namedDevice(p.arg) {
			return 1, true
		}
	case 'a':
		j.action = loList
	case 'D':
		j.action = loDetachAll
	case 'f':
		j.action = loFindFree
	case 'j':
		j.action, j.assocFile = loList, p.arg
	case 'r':
		j.setup.flags |= linux.LO_FLAGS_READ_ONLY
	case 'P':
		j.setup.flags |= linux.LO_FLAGS_PARTSCAN
	case 'J':
		j.json = true
	case loOptRaw:
		j.raw = true
	case 'l':
		j.list = true
	case 'n':
		j.noHeader = true
	case 'L':
		j.noOverlap = true
	case 'O':
		j.outSpec, j.hasOutSpec, j.list = p.arg, true, true
	case loOptOutputAll:
		j.cols = j.cols[:0]
		for i := range loopCols {
			j.cols = append(j.cols, i)
		}
	case loOptShow:
		j.printDev = true
	}
	return 0, false
}

// sizeOption is -b, -o and --sizelimit.
func (j *losetupJob) sizeOption(p ulParsed) (int, bool) {
	n, err := parseSizeArg(p.arg)
	if err != nil {
		what := map[int]string{'b': "logical block size", 'o': "offset", loOptSizelimit: "size"}[p.id]
		j.c.ulWarn("failed to parse %s: '%s': %s", what, p.arg, applet.ErrText(err))
		return 1, true
	}
	switch p.id {
	case 'b':
		j.sectorSet, j.setup.sectorSize = true, n
	case 'o':
		j.hasOffset, j.setup.offset = true, n
	default:
		j.hasLimit, j.setup.sizeLimit = true, n
	}
	return 0, false
}

// settle decides the action from the operands and checks that the
// options fit it; it returns the operands left for the action.
func (j *losetupJob) settle(operands []string) ([]string, bool) {
	c := j.c
	switch {
	case len(c.Args) == 0:
		j.action, j.list = loList, true
	case j.action == loNothing && len(c.Args) == 1 && (j.raw || j.json):
		j.action, j.list = loList, true
	}
	if j.list && len(j.cols) == 0 {
		for _, name := range loopDefaultCols {
			j.cols = append(j.cols, loopColByName(name))
		}
	}
	rest, ok := j.readOperands(operands)
	if !ok {
		return nil, false
	}
	if j.action != loAttach && (j.setup.sizeLimit != 0 || j.setup.flags != 0 || j.printDev) {
		c.ulWarn("the options %s are allowed during loop device setup only", "--{sizelimit,partscan,read-only,show}")
		return nil, false
	}
	if j.hasOffset && j.action != loAttach && (j.action != loList || j.assocFile == "") {
		c.ulWarn("the option --offset is not allowed in this context")
		return nil, false
	}
	if j.hasOutSpec && !j.pickColumns(j.outSpec) {
		return nil, false
	}
	return rest, true
}

// readOperands: -f FILE attaches FILE; a lone operand is a device to
// show or change; otherwise the operands are DEVICE FILE to attach.
func (j *losetupJob) readOperands(args []string) ([]string, bool) {
	c := j.c
	if j.action == loFindFree && len(args) > 0 {
		j.action, j.setup.file = loAttach, args[0]
		if len(args) > 1 {
			c.ulWarn("unexpected arguments")
			return nil, false
		}
		return nil, true
	}
	if j.list && j.action == loNothing && len(args) == 0 {
		j.action = loList
	}
	switch {
	case j.action == loNothing && len(args) == 1:
		switch {
		case j.dioSet:
			j.action = loSetDirectIO
			j.setup.flags &^= linux.LO_FLAGS_DIRECT_IO
		case j.sectorSet:
			j.action = loSetSector
		default:
			j.action = loShowDevice
		}
		return nil, j.namedDevice(args[0])
	case j.action != loNothing:
		return args, true
	}
	j.action = loAttach
	if len(args) == 0 {
		c.ulWarn("no loop device specified")
		return nil, false
	}
	j.setDev(newLoopDev(c.Task, args[0]))
	if len(args) < 2 {
		c.ulWarn("no file specified")
		return nil, false
	}
	j.setup.file = args[1]
	return args[2:], true
}

// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// losetup(8): attach files to loop devices, detach them, list them. This
// file reads the command line into a losetupJob; losetup_run.go and
// losetup_attach.go carry the job out, losetup_cols.go has the --list
// columns.

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

var losetupOptions = []optSpec{
	{short: 'a', long: "all"},
	{short: 'c', long: "set-capacity", arg: reqArg},
	{short: 'd', long: "detach", arg: reqArg},
	{short: 'D', long: "detach-all"},
	{short: 'f', long: "find"},
	{short: 'L', long: "nooverlap"},
	{short: 'h', long: "help"},
	{short: 'j', long: "associated", arg: reqArg},
	{short: 'J', long: "json"},
	{short: 'l', long: "list"},
	{short: 'b', long: "sector-size", arg: reqArg},
	{short: 'n', long: "noheadings"},
	{short: 'o', long: "offset", arg: reqArg},
	{short: 'O', long: "output", arg: reqArg},
	{long: "output-all", id: loOptOutputAll},
	{long: "sizelimit", arg: reqArg, id: loOptSizelimit},
	{short: 'P', long: "partscan"},
	{short: 'r', long: "read-only"},
	{long: "direct-io", arg: optArg, id: loOptDirectIO},
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
	dev    *loopNode // the device named by an option or operand

	setup      loopSpec // for loAttach (-j uses its offset)
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

// losetupApplet is losetup's entry point.
func losetupApplet(c *cmd) int {
	parsed, operands, ok := c.parseOpts(losetupOptions, false)
	if !ok {
		return c.tryHelp(1)
	}
	j := &losetupJob{c: c}
	defer j.setDev(nil)
	for i, p := range parsed {
		// Conflicts are found as the options are read, so that an option
		// that ends the run early (--help) counts only if it comes first.
		if !c.exclusiveOpts(parsed[:i+1], losetupOptions, losetupConflicts) {
			return 1
		}
		if effect := losetupEffects[p.id]; effect != nil {
			if status, stop := effect(j, p); stop {
				return status
			}
		}
	}
	rest, ok := j.placeOperands(operands)
	if !ok || !j.optionsFit() {
		return 1
	}
	return j.run(rest)
}

// setDev makes n the job's device, closing the one before.
func (j *losetupJob) setDev(n *loopNode) {
	if j.dev != nil && j.dev != n {
		j.dev.close()
	}
	j.dev = n
}

// namedDevice takes a device named on the command line, which must be a
// loop block device.
func (j *losetupJob) namedDevice(name string) bool {
	if !isLoopBlockDev(j.c.Task, name) {
		j.c.warnf("%s: failed to use device: %s", name, linux.ENODEV.Error())
		return false
	}
	j.setDev(openLoopNode(j.c.Task, name))
	return true
}

// optionEffect applies one option to the job; stop ends the run at once
// with status.
type optionEffect func(j *losetupJob, p optSeen) (status int, stop bool)

// chooses is an option that picks the action.
func chooses(a losetupAction) optionEffect {
	return func(j *losetupJob, _ optSeen) (int, bool) {
		j.action = a
		return 0, false
	}
}

// raises is an option that sets a flag of the attachment.
func raises(bit uint32) optionEffect {
	return func(j *losetupJob, _ optSeen) (int, bool) {
		j.setup.flags |= bit
		return 0, false
	}
}

// sets is an option that turns on a switch of the job.
func sets(field func(j *losetupJob) *bool) optionEffect {
	return func(j *losetupJob, _ optSeen) (int, bool) {
		*field(j) = true
		return 0, false
	}
}

// onDevice is an option whose argument is the device to act on.
func onDevice(a losetupAction) optionEffect {
	return func(j *losetupJob, p optSeen) (int, bool) {
		j.action = a
		if !j.namedDevice(p.arg) {
			return 1, true
		}
		return 0, false
	}
}

var losetupEffects map[int]optionEffect

func init() {
	losetupEffects = map[int]optionEffect{
		'h': func(j *losetupJob, _ optSeen) (int, bool) { return losetupHelp(j.c), true },
		'V': func(j *losetupJob, _ optSeen) (int, bool) {
			j.c.versionLine()
			return 0, true
		},
		'a':            chooses(loList),
		'D':            chooses(loDetachAll),
		'f':            chooses(loFindFree),
		'c':            onDevice(loCapacity),
		'd':            onDevice(loDetach),
		'r':            raises(linux.LO_FLAGS_READ_ONLY),
		'P':            raises(linux.LO_FLAGS_PARTSCAN),
		'J':            sets(func(j *losetupJob) *bool { return &j.json }),
		loOptRaw:       sets(func(j *losetupJob) *bool { return &j.raw }),
		'l':            sets(func(j *losetupJob) *bool { return &j.list }),
		'n':            sets(func(j *losetupJob) *bool { return &j.noHeader }),
		'L':            sets(func(j *losetupJob) *bool { return &j.noOverlap }),
		loOptShow:      sets(func(j *losetupJob) *bool { return &j.printDev }),
		'b':            (*losetupJob).sizeOption,
		'o':            (*losetupJob).sizeOption,
		loOptSizelimit: (*losetupJob).sizeOption,
		loOptDirectIO:  (*losetupJob).directIOOption,
		'j': func(j *losetupJob, p optSeen) (int, bool) {
			j.action, j.assocFile = loList, p.arg
			return 0, false
		},
		'O': func(j *losetupJob, p optSeen) (int, bool) {
			j.outSpec, j.hasOutSpec, j.list = p.arg, true, true
			return 0, false
		},
		loOptOutputAll: func(j *losetupJob, _ optSeen) (int, bool) {
			j.cols = j.cols[:0]
			for i := range loopCols {
				j.cols = append(j.cols, i)
			}
			return 0, false
		},
	}
}

// sizeWhat names the value of each size option in a parse failure.
var sizeWhat = map[int]string{'b': "logical block size", 'o': "offset", loOptSizelimit: "size"}

// sizeOption is -b, -o and --sizelimit.
func (j *losetupJob) sizeOption(p optSeen) (int, bool) {
	n, err := parseSizeArg(p.arg)
	if err != nil {
		j.c.warnf("failed to parse %s: '%s': %s", sizeWhat[p.id], p.arg, applet.ErrText(err))
		return 1, true
	}
	switch p.id {
	case 'b':
		j.sectorSet, j.setup.sectorSize = true, n
	case 'o':
		j.hasOffset, j.setup.span.off = true, n
	default:
		j.hasLimit, j.setup.span.limit = true, n
	}
	return 0, false
}

// directIOOption is --direct-io[=on|off].
func (j *losetupJob) directIOOption(p optSeen) (int, bool) {
	switch {
	case !p.hasArg || p.arg == "on":
		j.dioOn = true
	case p.arg == "off":
		j.dioOn = false
	default:
		j.c.warnf("argument error: '%s'", p.arg)
		return 1, true
	}
	j.dioSet = true
	if j.dioOn {
		j.setup.flags |= linux.LO_FLAGS_DIRECT_IO
	}
	return 0, false
}

// placeOperands gives the operands their roles: the file of -f FILE, the
// one device to show or change, or DEVICE FILE to attach; an action the
// options chose keeps them (-d's further devices). Without any argument,
// or with only --raw or --json, losetup lists every device.
func (j *losetupJob) placeOperands(args []string) (rest []string, ok bool) {
	if j.action == loNothing && (len(j.c.Args) == 0 || len(j.c.Args) == 1 && (j.raw || j.json)) {
		j.action, j.list = loList, true
	}
	if j.list && len(j.cols) == 0 {
		for _, name := range loopDefaultCols {
			j.cols = append(j.cols, loopColByName(name))
		}
	}
	switch {
	case j.action == loFindFree && len(args) > 0:
		j.action, j.setup.file = loAttach, args[0]
		if len(args) > 1 {
			j.c.warnf("unexpected arguments")
			return nil, false
		}
		return nil, true
	case j.action == loNothing && len(args) == 0 && j.list:
		j.action = loList
		return nil, true
	case j.action == loNothing && len(args) == 1:
		j.action = j.oneDeviceAction()
		return nil, j.namedDevice(args[0])
	case j.action != loNothing:
		return args, true
	}
	return j.deviceAndFile(args)
}

// oneDeviceAction is what a lone device operand is for: the setting
// given with it (direct I/O or the sector size), else to be shown.
func (j *losetupJob) oneDeviceAction() losetupAction {
	switch {
	case j.dioSet:
		// The flag was for an attachment; here it is a request.
		j.setup.flags &^= linux.LO_FLAGS_DIRECT_IO
		return loSetDirectIO
	case j.sectorSet:
		return loSetSector
	}
	return loShowDevice
}

// deviceAndFile reads DEVICE FILE. The device need not exist yet.
func (j *losetupJob) deviceAndFile(args []string) ([]string, bool) {
	j.action = loAttach
	if len(args) == 0 {
		j.c.warnf("no loop device specified")
		return nil, false
	}
	j.setDev(openLoopNode(j.c.Task, args[0]))
	if len(args) < 2 {
		j.c.warnf("no file specified")
		return nil, false
	}
	j.setup.file = args[1]
	return args[2:], true
}

// setupOnlyRules are the checks of the options against the action, in
// order, with what losetup says when one fails.
var setupOnlyRules = []struct {
	broken  func(j *losetupJob) bool
	message string
}{
	{func(j *losetupJob) bool {
		return j.action != loAttach && (j.setup.span.limit != 0 || j.setup.flags != 0 || j.printDev)
	}, "the options --{sizelimit,partscan,read-only,show} are allowed during loop device setup only"},
	{func(j *losetupJob) bool {
		return j.hasOffset && j.action != loAttach && !(j.action == loList && j.assocFile != "")
	}, "the option --offset is not allowed in this context"},
}

// optionsFit checks the options against the action and reads -O's list.
func (j *losetupJob) optionsFit() bool {
	for _, r := range setupOnlyRules {
		if r.broken(j) {
			j.c.warnf("%s", r.message)
			return false
		}
	}
	return !j.hasOutSpec || j.pickColumns(j.outSpec)
}

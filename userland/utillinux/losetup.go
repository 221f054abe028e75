// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
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
	j := &losetupJob{c: c}
	defer j.setDev(nil)
	operands, ok := c.Parse(j.flagSet())
	if !ok {
		return 1
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

// flagSet declares losetup's options in util-linux 2.38's table order;
// each applies itself to the job as the command line meets it. Conflicts
// are found as the options are read, so that an option that ends the
// run early (--help) counts only if it comes first.
func (j *losetupJob) flagSet() *applet.FlagSet {
	fs := j.c.FlagSet()
	fs.Help = losetupHelp()
	fs.ShortHelp = true
	choose := func(a losetupAction) func() { return func() { j.action = a } }
	onDevice := func(a losetupAction) func(string) error {
		return func(v string) error {
			j.action = a
			if !j.namedDevice(v) {
				return applet.ErrReported
			}
			return nil
		}
	}
	fs.Func("all", "a", "", choose(loList))
	fs.ArgFunc("set-capacity", "c", "", onDevice(loCapacity))
	fs.ArgFunc("detach", "d", "", onDevice(loDetach))
	fs.Func("detach-all", "D", "", choose(loDetachAll))
	fs.Func("find", "f", "", choose(loFindFree))
	fs.BoolVarP(&j.noOverlap, "nooverlap", "L", false, "")
	fs.PlaceHelp()
	fs.ArgFunc("associated", "j", "", func(v string) error {
		j.action, j.assocFile = loList, v
		return nil
	})
	fs.BoolVarP(&j.json, "json", "J", false, "")
	fs.BoolVarP(&j.list, "list", "l", false, "")
	fs.ArgFunc("sector-size", "b", "", j.sizeOption("logical block size", &j.sectorSet, &j.setup.sectorSize))
	fs.BoolVarP(&j.noHeader, "noheadings", "n", false, "")
	fs.ArgFunc("offset", "o", "", j.sizeOption("offset", &j.hasOffset, &j.setup.span.off))
	fs.ArgFunc("output", "O", "", func(v string) error {
		j.outSpec, j.hasOutSpec, j.list = v, true, true
		return nil
	})
	fs.Func("output-all", "", "", func() {
		j.cols = j.cols[:0]
		for i := range loopCols {
			j.cols = append(j.cols, i)
		}
	})
	fs.ArgFunc("sizelimit", "", "", j.sizeOption("size", &j.hasLimit, &j.setup.span.limit))
	fs.Func("partscan", "P", "", func() { j.setup.flags |= linux.LO_FLAGS_PARTSCAN })
	fs.Func("read-only", "r", "", func() { j.setup.flags |= linux.LO_FLAGS_READ_ONLY })
	fs.OptionalFunc("direct-io", "", "", j.directIOOption)
	fs.BoolVarP(&j.raw, "raw", "", false, "")
	fs.BoolVarP(&j.printDev, "show", "", false, "")
	fs.BoolP("verbose", "v", false, "")
	fs.PlaceVersion()
	fs.Exclusive("detach-all", "all", "set-capacity", "detach", "find", "associated")
	fs.Exclusive("detach-all", "set-capacity", "detach", "find", "list")
	fs.Exclusive("detach-all", "set-capacity", "detach", "find", "output")
	fs.Exclusive("json", "raw")
	return fs
}

// sizeOption is -b, -o and --sizelimit: a size for *n, named what in a
// parse failure.
func (j *losetupJob) sizeOption(what string, given *bool, n *uint64) func(string) error {
	return func(v string) error {
		size, err := parseSizeArg(v)
		if err != nil {
			return fmt.Errorf("failed to parse %s: '%s': %s", what, v, applet.ErrText(err))
		}
		*given, *n = true, size
		return nil
	}
}

// directIOOption is --direct-io[=on|off].
func (j *losetupJob) directIOOption(v string, given bool) error {
	switch {
	case !given || v == "on":
		j.dioOn = true
	case v == "off":
		j.dioOn = false
	default:
		return fmt.Errorf("argument error: '%s'", v)
	}
	j.dioSet = true
	if j.dioOn {
		j.setup.flags |= linux.LO_FLAGS_DIRECT_IO
	}
	return nil
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

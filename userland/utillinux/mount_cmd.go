// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// mount(8): the command line. Options are gathered into a mountJob in
// command-line order; the job does the rest (mount_job.go) and the report
// tables say how it went (mount_report.go).

// Identifiers of mount's long-only options.
const (
	mOptTarget = 1000 + iota
	mOptTargetPrefix
	mOptSource
	mOptMakeFirst // the --make-* options follow, in makeWords' order
)

// makeWords are the propagation words of --make-shared ... --make-runbindable.
var makeWords = []string{"shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable"}

var mountOptions = func() []optSpec {
	opts := []optSpec{
		{short: 'a', long: "all"}, {short: 'f', long: "fake"}, {short: 'T', long: "fstab", arg: reqArg},
		{short: 'F', long: "fork"}, {short: 'h', long: "help"}, {short: 'n', long: "no-mtab"},
		{short: 'r', long: "read-only"}, {short: 'r', long: "ro"}, {short: 'v', long: "verbose"},
		{short: 'V', long: "version"}, {short: 'w', long: "read-write"}, {short: 'w', long: "rw"},
		{short: 'o', long: "options", arg: reqArg}, {short: 'O', long: "test-opts", arg: reqArg},
		{short: 't', long: "types", arg: reqArg}, {short: 'U', long: "uuid", arg: reqArg},
		{short: 'L', long: "label", arg: reqArg}, {short: 'B', long: "bind"}, {short: 'M', long: "move"},
		{short: 'R', long: "rbind"},
	}
	for i, w := range makeWords {
		opts = append(opts, optSpec{long: "make-" + w, id: mOptMakeFirst + i})
	}
	return append(opts,
		optSpec{short: 'm', long: "mkdir", arg: optArg}, optSpec{short: 'c', long: "no-canonicalize"},
		optSpec{short: 'i', long: "internal-only"}, optSpec{short: 'l', long: "show-labels"},
		optSpec{long: "target", arg: reqArg, id: mOptTarget},
		optSpec{long: "target-prefix", arg: reqArg, id: mOptTargetPrefix},
		optSpec{long: "source", arg: reqArg, id: mOptSource},
		optSpec{short: 's'}, optSpec{short: 'N', long: "namespace", arg: reqArg})
}()

// mountArgs is what the command line asks for beyond the job itself.
type mountArgs struct {
	types     string
	operation bool // -B, -M, -R or -o move: no -t, -a or named source then
	makeProp  bool // a --make-* option
	anyOpts   bool // an option that only makes sense with something to mount
	all       bool
	testOpts  string // -O: with -a, the options an fstab entry must have
}

// mountApplet is mount(8) as util-linux 2.38 behaves, over the task's
// mount table.
func mountApplet(c *cmd) int {
	parsed, operands, ok := c.parseOpts(mountOptions, false)
	if !ok {
		return c.tryHelp(exitUsage)
	}
	if !c.exclusiveOpts(parsed, mountOptions, [][]int{{'B', 'M', 'R'}, {'L', 'U', mOptSource}}) {
		return exitUsage
	}
	j := &mountJob{c: c, t: c.Task}
	var a mountArgs
	for _, p := range parsed {
		if status, stop := j.takeOption(p, &a); stop {
			return status
		}
	}
	if !j.hasSource && !j.hasTarget && len(operands) == 0 && !a.all {
		if a.operation || a.anyOpts {
			return c.badUsage(exitUsage)
		}
		listMounts(c, a.types)
		return exitOK
	}
	if a.operation && (a.types != "" || a.all || j.hasSource) {
		return c.badUsage(exitUsage)
	}
	if a.all && len(operands) == 0 && !j.hasSource && !j.hasTarget {
		return c.mountFstab(j, a.types, a.testOpts)
	}
	j.setTypes(a.types, a.all)
	if status, ok := j.takeOperands(operands); !ok {
		return status
	}
	j.noTables = a.operation && kernelFlags(j.items)&linux.MS_REMOUNT == 0 || a.makeProp
	status := j.run()
	j.releaseLoopdev()
	return status
}

// takeOption applies one command-line option; stop is set when mount
// must exit at once with status.
func (j *mountJob) takeOption(p optSeen, a *mountArgs) (status int, stop bool) {
	switch p.id {
	case 'a':
		a.all = true
	case 'f':
		j.fake = true
	case 'n':
		j.noMtab = true
	case 'v':
		j.verbose = true
	case 'r', 'w':
		word := map[int]string{'r': "ro", 'w': "rw"}[p.id]
		j.addOptions(word)
		j.explicitRW, a.anyOpts = p.id == 'w', true
	case 'o':
		return j.takeOptionList(p.arg, a)
	case 't':
		a.types = p.arg
	case 'B', 'R':
		j.addOptions(map[int]string{'B': "bind", 'R': "rbind"}[p.id])
		a.operation, a.anyOpts = true, true
	case 'M':
		j.move, a.operation = true, true
	case 'm':
		j.addMkdir(p.arg)
		a.anyOpts = true
	case 'L', 'U':
		tag := map[int]string{'L': "LABEL", 'U': "UUID"}[p.id]
		j.source, j.hasSource, j.noSwap = tag+`="`+p.arg+`"`, true, true
	case mOptSource:
		j.source, j.hasSource, j.noSwap = p.arg, true, true
	case mOptTarget:
		j.target, j.hasTarget, j.noSwap = p.arg, true, true
	case 'h':
		j.c.printHelp()
		return exitOK, true
	case 'V':
		j.c.versionLine()
		return exitOK, true
	case 'O':
		a.testOpts = p.arg
	case 'T', 'N', mOptTargetPrefix:
		j.c.warnf("option %s is not supported", p.name)
		return exitUsage, true
	case 'F', 'c', 'i', 'l', 's':
		// No helpers to fork or skip, nothing to canonicalize
		// differently, no labels to show; -s (sloppy) changes nothing.
	default:
		if i := p.id - mOptMakeFirst; i >= 0 && i < len(makeWords) {
			j.addOptions(makeWords[i])
			a.makeProp, a.anyOpts = true, true
		}
	}
	return 0, false
}

// takeOptionList is -o: a list starting with a Quote, a blank or "=" is
// refused; "move" in it means --move.
func (j *mountJob) takeOptionList(list string, a *mountArgs) (int, bool) {
	if list != "" && strings.ContainsRune("='\" \t", rune(list[0])) {
		j.c.warnf("unsupported option format: %s", list)
		return exitUsage, true
	}
	a.anyOpts = true
	items := splitOpts(list)
	if _, isMove := optionValue(items, "move"); !isMove {
		j.addOptions(list)
		return 0, false
	}
	j.move, a.operation = true, true
	if rest := withoutOption(items, "move"); len(rest) > 0 {
		j.addOptions(strings.Join(rest, ","))
	}
	return 0, false
}

// addMkdir is -m/--mkdir[=MODE]: the X-mount.mkdir option.
func (j *mountJob) addMkdir(mode string) {
	mode = strings.TrimPrefix(mode, "=")
	if mode == "" {
		j.addOptions("X-mount.mkdir")
		return
	}
	j.addOptions(`X-mount.mkdir="` + mode + `"`)
}

// setTypes is -t: one type, or a list or negation to try in turn.
func (j *mountJob) setTypes(types string, all bool) {
	switch {
	case types == "":
	case all || strings.Contains(types, ",") || strings.HasPrefix(types, "no"):
		j.typeList = types
	default:
		j.fstype = types
	}
}

// takeOperands places the operands: two are source and target; one is the
// source if it is a tag or the target was named, else the target.
func (j *mountJob) takeOperands(ops []string) (int, bool) {
	switch {
	case len(ops) == 0 && (j.hasSource || j.hasTarget):
	case len(ops) == 1 && !(j.hasSource && j.hasTarget):
		isTag := isSourceTag(ops[0])
		switch {
		case isTag && j.hasSource:
			j.c.warnf("source specified more than once")
			return exitUsage, false
		case isTag || j.hasTarget:
			j.source, j.hasSource = ops[0], true
		default:
			j.target, j.hasTarget = ops[0], true
		}
	case len(ops) == 2 && !j.hasSource && !j.hasTarget:
		j.source, j.target = ops[0], ops[1]
		j.hasSource, j.hasTarget = true, true
	default:
		return j.c.badUsage(exitUsage), false
	}
	return 0, true
}

// listMounts is mount without operands: "SOURCE on TARGET type TYPE
// (OPTIONS)" for every mount, or those of the -t types.
func listMounts(c *cmd, types string) {
	for _, fs := range readMountinfo(c.Task).fss {
		if types != "" && fs.fstype != "" && !matchFstype(fs.fstype, types) {
			continue
		}
		src := fs.source
		if src != "" && !fs.isPseudo() && !isNetFstype(fs.fstype) && !isSourceTag(src) {
			src = canonicalPath(c.Task, src)
		}
		fmt.Fprintf(c.Out, "%s on %s", src, printableTarget(fs.target))
		if fs.fstype != "" {
			fmt.Fprintf(c.Out, " type %s", fs.fstype)
		}
		fmt.Fprintf(c.Out, " (%s)\n", fs.optstr)
	}
}

// printableTarget shows control characters as '?'.
func printableTarget(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if ch < 0x20 || ch == 0x7f {
			b[i] = '?'
		}
	}
	return string(b)
}

// matchFstype says whether typ is selected by a -t list: comma-separated
// types, any of them negated by "no", or the whole list by a leading "no".
func matchFstype(typ, list string) bool {
	negated := strings.HasPrefix(list, "no")
	if negated {
		list = list[2:]
	}
	for _, item := range strings.Split(list, ",") {
		if name, ok := strings.CutPrefix(item, "no"); ok && strings.EqualFold(name, typ) {
			return false
		}
		if strings.EqualFold(item, typ) {
			return !negated
		}
	}
	return negated
}

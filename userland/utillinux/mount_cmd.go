// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// mount(8): the command line. Options are gathered into a mountJob in
// command-line order; the job does the rest (mount_job.go) and the report
// tables say how it went (mount_report.go).

// makeWords are the propagation words of --make-shared ... --make-runbindable.
var makeWords = []string{"shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable"}

// mountArgs is what the command line asks for beyond the job itself.
type mountArgs struct {
	types     string
	typesSet  bool // -t was given, maybe empty
	operation bool // -B, -M, -R or -o move: no -t, -a or named source then
	makeProp  bool // a --make-* option
	anyOpts   bool // an option that only makes sense with something to mount
	all       bool
	testOpts  string // -O: with -a, the options an fstab entry must have
	// --options-mode, --options-source (0: not given), --options-source-force.
	optsMode    optsMode
	optsSource  tableSet
	forceTables bool
}

// mountApplet is mount(8) as util-linux 2.38 behaves, over the task's
// mount table.
func mountApplet(c *cmd) int {
	j := &mountJob{c: c, t: c.Task}
	var a mountArgs
	operands, ok := c.Parse(j.options(&a))
	if !ok {
		return exitUsage
	}
	if !j.hasSource && !j.hasTarget && len(operands) == 0 && !a.all {
		if a.operation || a.anyOpts {
			return c.badUsage(exitUsage)
		}
		return listMounts(c, a.types, a.typesSet)
	}
	if a.operation && (a.typesSet || a.all || j.hasSource) {
		return c.badUsage(exitUsage)
	}
	if a.all && len(operands) == 0 && !j.hasSource && !j.hasTarget {
		return c.mountFstab(j, a.types, a.testOpts)
	}
	j.setTypes(a.types, a.typesSet, a.all)
	if status, ok := j.takeOperands(operands); !ok {
		return status
	}
	j.settleTables(&a, a.operation && kernelFlags(j.items)&linux.MS_REMOUNT == 0 || a.makeProp)
	status := j.run()
	j.releaseLoopdev()
	return status
}

// options declares mount's options in util-linux 2.38's table order;
// each applies itself to the job as the command line meets it.
func (j *mountJob) options(a *mountArgs) *applet.FlagSet {
	fs := j.c.FlagSet()
	fs.Help = helpTexts["mount"]
	fs.ShortHelp = true
	unsupported := func(string) error { return fmt.Errorf("option %s is not supported", fs.Current()) }
	ignored := func(long, short string) { fs.BoolP(long, short, false, "") }
	fs.BoolVarP(&a.all, "all", "a", false, "")
	fs.BoolVarP(&j.fake, "fake", "f", false, "")
	fs.ArgFunc("fstab", "T", "", j.takeFstab)
	// No helpers to fork, nothing to canonicalize differently, no labels
	// to show; -s (sloppy) changes nothing.
	ignored("fork", "F")
	fs.BoolVarP(&j.noMtab, "no-mtab", "n", false, "")
	fs.Func("read-only", "r", "", func() { j.addOptions("ro"); j.explicitRW, a.anyOpts = false, true })
	fs.Alias("ro", "read-only")
	fs.BoolVarP(&j.verbose, "verbose", "v", false, "")
	fs.Func("read-write", "w", "", func() { j.addOptions("rw"); j.explicitRW, a.anyOpts = true, true })
	fs.Alias("rw", "read-write")
	fs.ArgFunc("options", "o", "", func(v string) error { return j.takeOptionList(v, a) })
	fs.StringVarP(&a.testOpts, "test-opts", "O", "", "")
	fs.ArgFunc("types", "t", "", func(v string) error {
		a.types, a.typesSet = v, true
		return nil
	})
	tag := func(name string) func(string) error {
		return func(v string) error {
			j.source, j.hasSource, j.noSwap = name+`="`+v+`"`, true, true
			return nil
		}
	}
	fs.ArgFunc("uuid", "U", "", tag("UUID"))
	fs.ArgFunc("label", "L", "", tag("LABEL"))
	fs.Func("bind", "B", "", func() { j.addOptions("bind"); a.operation, a.anyOpts = true, true })
	fs.Func("move", "M", "", func() { j.move, a.operation = true, true })
	fs.Func("rbind", "R", "", func() { j.addOptions("rbind"); a.operation, a.anyOpts = true, true })
	for _, w := range makeWords {
		w := w
		fs.Func("make-"+w, "", "", func() { j.addOptions(w); a.makeProp, a.anyOpts = true, true })
	}
	fs.OptionalArgFunc("mkdir", "m", "", func(v string, _ bool) error { j.addMkdir(v); a.anyOpts = true; return nil })
	ignored("no-canonicalize", "c")
	ignored("internal-only", "i")
	ignored("show-labels", "l")
	fs.ArgFunc("target", "", "", func(v string) error {
		j.target, j.hasTarget, j.noSwap = v, true, true
		return nil
	})
	fs.ArgFunc("target-prefix", "", "", unsupported)
	fs.ArgFunc("source", "", "", func(v string) error {
		j.source, j.hasSource, j.noSwap = v, true, true
		return nil
	})
	ignored("s", "s")
	fs.ArgFunc("options-mode", "", "", func(v string) error {
		m, ok := optsModeNames[v]
		if !ok {
			j.c.badUsage(exitUsage)
			return applet.ErrReported
		}
		a.optsMode = m
		return nil
	})
	fs.ArgFunc("options-source", "", "", func(v string) error {
		set, ok := parseTableSet(v)
		if !ok {
			j.c.badUsage(exitUsage)
			return applet.ErrReported
		}
		a.optsSource = set
		return nil
	})
	fs.BoolVarP(&a.forceTables, "options-source-force", "", false, "")
	fs.ArgFunc("namespace", "N", "", j.c.enterTargetNS)
	fs.Exclusive("bind", "move", "rbind")
	fs.Exclusive("label", "uuid", "source")
	return fs
}

// takeOptionList is -o: a list starting with a Quote, a blank or "=" is
// refused; "move" in it means --move.
func (j *mountJob) takeOptionList(list string, a *mountArgs) error {
	if list != "" && strings.ContainsRune("='\" \t", rune(list[0])) {
		return fmt.Errorf("unsupported option format: %s", list)
	}
	a.anyOpts = true
	items := splitOpts(list)
	if _, isMove := optionValue(items, "move"); !isMove {
		j.addOptions(list)
		return nil
	}
	j.move, a.operation = true, true
	if rest := withoutOption(items, "move"); len(rest) > 0 {
		j.addOptions(strings.Join(rest, ","))
	}
	return nil
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

// setTypes is -t: one type, or a list or negation to try in turn. An
// empty type is passed on as it is (the kernel knows no such type).
func (j *mountJob) setTypes(types string, given, all bool) {
	switch {
	case types == "":
		j.emptyType = given
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
// (OPTIONS)" for every mount, or those of the -t types (none for an
// empty list).
func listMounts(c *cmd, types string, typesSet bool) int {
	tb := readMountinfo(c.Task)
	if tb.err != nil {
		c.warnf("failed to read mtab: %s", applet.ErrText(tb.err))
		return exitNoMemory // MNT_EX_SYSERR
	}
	for _, fs := range tb.fss {
		if typesSet && fs.fstype != "" && !matchFstype(fs.fstype, types) {
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
	return exitOK
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

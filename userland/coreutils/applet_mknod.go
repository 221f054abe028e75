// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// modeFlag parses -m MODE for mknod and mkfifo: the mode 0666 adjusted by
// MODE, which is then set exactly (umask aside) with chmod.
func (c *cmd) modeFlag(arg string, given bool) (mode uint32, ok bool) {
	if !given {
		return 0o666, true
	}
	ch, err := applet.ParseMode(arg)
	if err != nil {
		c.Errorf("invalid mode")
		return 0, false
	}
	mode = ch.Apply(0o666, false, c.Task.GetUmask())
	if mode&^applet.RwxUGO != 0 {
		c.Errorf("mode must specify only file permission bits")
		return 0, false
	}
	return mode, true
}

// mknodApplet is mknod(1): NAME TYPE [MAJOR MINOR], TYPE one of b, c, u, p.
func mknodApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... NAME TYPE [MAJOR MINOR]"
	fs.About = `Make a special file NAME: TYPE b (block device), c or u (character
device) with MAJOR and MINOR, or p (FIFO) without.`
	modeArg := fs.StringP("mode", "m", "", "give the file MODE (as chmod), not a=rw less the umask")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	mode, ok := c.modeFlag(*modeArg, fs.Changed("mode"))
	if !ok {
		return 1
	}
	typ, dev, code := c.mknodType(ops)
	if code >= 0 {
		return code
	}
	return c.mknodOne(ops[0], typ, mode, dev, fs.Changed("mode"))
}

// mknodType checks the operands as coreutils does: the count first (two
// for a fifo, four otherwise, judged by TYPE's first letter), then TYPE,
// then the device numbers. code >= 0 means stop with that status.
func (c *cmd) mknodType(ops []string) (typ uint32, dev uint64, code int) {
	if code := c.mknodCount(ops); code >= 0 {
		return 0, 0, code
	}
	switch ops[1][0] {
	case 'p':
		return linux.S_IFIFO, 0, -1
	case 'b':
		typ = linux.S_IFBLK
	case 'c', 'u':
		typ = linux.S_IFCHR
	default:
		c.Errorf("invalid device type %s", c.QuoteArg(ops[1]))
		c.TryHelp()
		return 0, 0, 1
	}
	major, err := strconv.ParseUint(ops[2], 0, 32)
	if err != nil {
		c.Errorf("invalid major device number %s", c.QuoteArg(ops[2]))
		return 0, 0, 1
	}
	minor, err := strconv.ParseUint(ops[3], 0, 32)
	if err != nil {
		c.Errorf("invalid minor device number %s", c.QuoteArg(ops[3]))
		return 0, 0, 1
	}
	return typ, linux.Mkdev(uint32(major), uint32(minor)), -1
}

// mknodCount checks the number of operands.
func (c *cmd) mknodCount(ops []string) int {
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	want := 4
	if len(ops) > 1 && ops[1] != "" && ops[1][0] == 'p' {
		want = 2
	}
	switch {
	case len(ops) < want:
		c.Errorf("missing operand after %s", c.QuoteArg(ops[len(ops)-1]))
		if want == 4 && len(ops) == 2 {
			fmt.Fprintln(c.Errw, "Special files require major and minor device numbers.")
		}
	case len(ops) > want:
		c.Errorf("extra operand %s", c.QuoteArg(ops[want]))
		if want == 2 && len(ops) == 4 {
			fmt.Fprintln(c.Errw, "Fifos do not have major and minor device numbers.")
		}
	default:
		return -1
	}
	c.TryHelp()
	return 1
}

func (c *cmd) mknodOne(name string, typ, mode uint32, dev uint64, setMode bool) int {
	if err := c.Task.Mknodat(applet.AtCWD, name, typ|mode, dev); err != nil {
		c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
		return 1
	}
	if setMode {
		if err := c.Task.Fchmodat(applet.AtCWD, name, mode, 0); err != nil {
			c.Errorf("cannot set permissions of %s: %s", c.Quote(name), applet.ErrText(err))
			return 1
		}
	}
	return 0
}

// mkfifoApplet is mkfifo(1).
func mkfifoApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... NAME..."
	fs.About = `Make a FIFO (named pipe) for each NAME.`
	modeArg := fs.StringP("mode", "m", "", "give the file MODE (as chmod), not a=rw less the umask")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	mode, ok := c.modeFlag(*modeArg, fs.Changed("mode"))
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	status := 0
	for _, name := range ops {
		if err := c.Task.Mknodat(applet.AtCWD, name, linux.S_IFIFO|mode, 0); err != nil {
			c.Errorf("cannot create fifo %s: %s", c.Quote(name), applet.ErrText(err))
			status = 1
			continue
		}
		if fs.Changed("mode") {
			if err := c.Task.Fchmodat(applet.AtCWD, name, mode, 0); err != nil {
				c.Errorf("cannot set permissions of %s: %s", c.Quote(name), applet.ErrText(err))
				status = 1
			}
		}
	}
	return status
}

// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// mkfs(8) from util-linux 2.38: the front end that runs mkfs.TYPE (ext2
// unless -t names another) found along PATH with the words after its
// own options. It reads its options with getopt_long's permutation and
// stops at the first it does not know, which is the builder's: the
// word before it becomes the builder's name. That word may be an
// operand getopt skipped over and had not yet moved after the options
// (mkfs -t vfat img -n L runs mkfs.vfat -n L), as the real one does.

const mkfsHelpText = `Usage: mkfs [-t TYPE] [-V] [BUILDER-OPTIONS] DEVICE [SIZE]
Make a filesystem of TYPE (ext2 unless given) on DEVICE by running
mkfs.TYPE with the builder's options, DEVICE and SIZE.

  -t, --type TYPE  the filesystem type
  -V, --verbose    show the command; twice: show it and run nothing
  -h, --help       show this help;  -V alone, --version: the version
`

// mkfsOptions are mkfs's own options; every other one is the builder's.
var mkfsOptions = []getopt.Option{
	{Short: 't', Long: "type", Arg: getopt.RequiredArg},
	{Long: "version", ID: 'v'},
	{Short: 'V', Long: "verbose"},
	{Short: 'h', Long: "help"},
}

// mkfsParse reads mkfs's options; with POSIXLY_CORRECT set the first
// operand ends them, as glibc's getopt has it.
func mkfsParse(args []string, inOrder bool) getopt.Stop {
	p := getopt.Parser{Options: mkfsOptions, InOrder: inOrder}
	return p.ParseToError(args)
}

// mkfsApplet is mkfs(8).
func mkfsApplet(c *cmd) int {
	if len(c.Args) == 1 && c.Args[0] == "-V" {
		fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n")
		return 0
	}
	stop := mkfsParse(c.Args, c.EnvSet("POSIXLY_CORRECT"))
	fstype, verbose := "ext2", 0
	for _, o := range stop.Opts {
		switch o.ID {
		case 'V':
			verbose++
		case 't':
			fstype = o.Value
		case 'h':
			fmt.Fprint(c.Out, mkfsHelpText)
			return 0
		case 'v':
			fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n")
			return 0
		}
	}
	argv, ok := mkfsBuilderArgs(c.Argv0, fstype, stop)
	if !ok {
		c.warnf("no device specified")
		return c.tryHelp(1)
	}
	if verbose > 0 {
		fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n%s \n", strings.Join(argv, " "))
		if verbose > 1 {
			return 0
		}
	}
	return c.mkfsExec(argv)
}

// mkfsBuilderArgs is the builder's argv: its name, then the words from
// where mkfs stopped reading options. That point is getopt's index,
// one word back when the option there is not mkfs's (so the builder
// gets it); the word just before it is the one that the builder's name
// overwrites, whatever it was. In the middle of a cluster ("-xV")
// getopt's index is still at the cluster's word, so stepping back
// hands the builder one more word than the option's own; at the start
// of the line that word is mkfs's own argv[0], as on the host. With
// no word left there is no device.
func mkfsBuilderArgs(argv0, fstype string, stop getopt.Stop) ([]string, bool) {
	words := append([]string{argv0}, stop.Words...)
	from := stop.Index + 1 // in words
	if stop.Err != nil {
		from--
	} else if from == len(words) {
		return nil, false
	}
	return append([]string{"mkfs." + fstype}, words[from:]...), true
}

// mkfsExec runs the builder in mkfs's place. What -V printed is still in
// stdio's buffer, which execvp discards; a failed exec leaves it to be
// flushed at exit, after the error.
func (c *cmd) mkfsExec(argv []string) int {
	name, err := c.FindProgram(c.Task, argv[0], c.Env)
	if err != nil {
		if !errors.Is(err, linux.ENOENT) && !errors.Is(err, linux.EACCES) {
			err = linux.ENOENT
		}
		fmt.Fprintf(c.Errw, "%s: failed to execute %s: %s\n", c.Name, argv[0], applet.ErrText(err))
		return 1
	}
	c.ClearOut()
	return c.RunProgram(c.Task, name, argv, c.Env, c.Stdin)
}

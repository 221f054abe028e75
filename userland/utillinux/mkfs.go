// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
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

// mkfsScan is glibc getopt's state over mkfs's arguments: it permutes
// lazily, moving the operands it skipped behind the options it found
// only when it looks at the next word.
type mkfsScan struct {
	argv        []string
	optind      int
	first, last int // the skipped operands, argv[first:last]
	nextchar    string
	optarg      string
}

// exchange moves the options argv[last:optind] before the operands
// argv[first:last].
func (s *mkfsScan) exchange() {
	moved := append(append([]string{}, s.argv[s.last:s.optind]...), s.argv[s.first:s.last]...)
	copy(s.argv[s.first:], moved)
	s.first += s.optind - s.last
	s.last = s.optind
}

// next is getopt_long's next return: an option letter, '?' for one it
// does not take (opterr is off: nothing is printed), -1 at the end.
func (s *mkfsScan) next() int {
	if s.nextchar == "" {
		if s.last > s.optind {
			s.last = s.optind
		}
		if s.first > s.optind {
			s.first = s.optind
		}
		if s.first != s.last && s.last != s.optind {
			s.exchange()
		} else if s.last != s.optind {
			s.first = s.optind
		}
		for s.optind < len(s.argv) && (len(s.argv[s.optind]) < 2 || s.argv[s.optind][0] != '-') {
			s.optind++
		}
		s.last = s.optind
		if s.optind < len(s.argv) && s.argv[s.optind] == "--" {
			s.optind++
			if s.first != s.last && s.last != s.optind {
				s.exchange()
			} else if s.first == s.last {
				s.first = s.optind
			}
			s.last = len(s.argv)
			s.optind = len(s.argv)
		}
		if s.optind == len(s.argv) {
			if s.first != s.last {
				s.optind = s.first
			}
			return -1
		}
		word := s.argv[s.optind]
		if strings.HasPrefix(word, "--") {
			return s.long(word[2:])
		}
		s.nextchar = word[1:]
	}
	c := s.nextchar[0]
	s.nextchar = s.nextchar[1:]
	if s.nextchar == "" {
		s.optind++
	}
	switch c {
	case 'V', 'h':
		return int(c)
	case 't':
		switch {
		case s.nextchar != "":
			s.optarg, s.nextchar = s.nextchar, ""
			s.optind++
		case s.optind == len(s.argv):
			return '?'
		default:
			s.optarg = s.argv[s.optind]
			s.optind++
		}
		return 't'
	}
	return '?'
}

// mkfsLongs are mkfs's long options and what they stand for.
var mkfsLongs = []struct {
	name string
	id   int
}{{"type", 't'}, {"version", 'v'}, {"verbose", 'V'}, {"help", 'h'}}

// long reads "--name[=value]" at optind.
func (s *mkfsScan) long(text string) int {
	s.optind++
	name, value, attached := strings.Cut(text, "=")
	id := 0
	for _, l := range mkfsLongs {
		if l.name == name {
			id = l.id
			break
		}
		if strings.HasPrefix(l.name, name) {
			if id != 0 {
				return '?' // ambiguous
			}
			id = l.id
		}
	}
	switch {
	case id == 0:
		return '?'
	case id != 't':
		if attached {
			return '?'
		}
	case attached:
		s.optarg = value
	case s.optind < len(s.argv):
		s.optarg = s.argv[s.optind]
		s.optind++
	default:
		return '?'
	}
	return id
}

// mkfsApplet is mkfs(8).
func mkfsApplet(c *cmd) int {
	if len(c.Args) == 1 && c.Args[0] == "-V" {
		fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n")
		return 0
	}
	s := &mkfsScan{argv: append([]string{c.Argv0}, c.Args...), optind: 1, first: 1, last: 1}
	fstype, verbose := "ext2", 0
scan:
	for {
		switch s.next() {
		case -1:
			break scan
		case 'V':
			verbose++
		case 't':
			fstype = s.optarg
		case 'h':
			fmt.Fprint(c.Out, mkfsHelpText)
			return 0
		case 'v':
			fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n")
			return 0
		default:
			s.optind--
			break scan
		}
	}
	if s.optind == len(s.argv) {
		c.warnf("no device specified")
		return c.tryHelp(1)
	}
	s.optind--
	s.argv[s.optind] = "mkfs." + fstype
	argv := s.argv[s.optind:]
	if verbose > 0 {
		fmt.Fprintf(c.Out, "mkfs from util-linux 2.38.1\n%s \n", strings.Join(argv, " "))
		if verbose > 1 {
			return 0
		}
	}
	return c.mkfsExec(argv)
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

// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"strconv"
	"strings"
)

// Params are the parts of the kernel command line the boot reads, in the
// kernel's words (init/main.c, init/do_mounts.c, init/do_mounts_initrd.c).
type Params struct {
	Root       string   // root=
	RootFSType []string // rootfstype=, a comma list
	RootFlags  string   // rootflags=
	ReadWrite  bool     // rw (ro is the default: root_mountflags has MS_RDONLY)
	RootWait   bool     // rootwait
	RootDelay  int      // rootdelay=, seconds
	Init       string   // init=
	RdInit     string   // rdinit=, "/init" by default
	// DevtmpfsMount is devtmpfs.mount=: whether prepare_namespace mounts
	// devtmpfs on the new root's /dev (on by default, as
	// CONFIG_DEVTMPFS_MOUNT kernels have it).
	DevtmpfsMount bool
	NoInitrd      bool // noinitrd
	// InitArgs and InitEnv are what the kernel hands init: words it does
	// not know, "name=value" ones as environment, others as arguments,
	// and everything after "--" as arguments.
	InitArgs []string
	InitEnv  []string
}

// ParseCmdline splits a kernel command line as parse_args does (blanks
// separate words; double quotes group, and are dropped) and reads the
// parameters the boot knows.
func ParseCmdline(line string) Params {
	p := Params{RdInit: "/init", DevtmpfsMount: true}
	words := splitCmdline(line)
	for i, w := range words {
		if w == "--" {
			p.InitArgs = append(p.InitArgs, words[i+1:]...)
			break
		}
		if !p.apply(w) {
			p.unknown(w)
		}
	}
	return p
}

// apply reads one known parameter; false for any other word.
func (p *Params) apply(w string) bool {
	key, val, hasVal := strings.Cut(w, "=")
	switch key {
	case "root":
		p.Root = val
	case "rootfstype":
		p.RootFSType = strings.Split(val, ",")
	case "rootflags":
		p.RootFlags = val
	case "ro":
		p.ReadWrite = false
	case "rw":
		p.ReadWrite = true
	case "rootwait":
		p.RootWait = true
	case "rootdelay":
		p.RootDelay, _ = strconv.Atoi(val)
	case "init":
		p.Init = val
	case "rdinit":
		p.RdInit = val
	case "devtmpfs.mount":
		n, err := strconv.Atoi(val)
		p.DevtmpfsMount = err != nil || n != 0
	case "noinitrd":
		p.NoInitrd = true
	default:
		return false
	}
	return hasVal || key == "ro" || key == "rw" || key == "rootwait" || key == "noinitrd"
}

// unknown passes a word the kernel does not know on to init, as
// unknown_bootoption does: with a "=" (and no "." in the name, which
// would make it a module's) to the environment, else to the arguments.
func (p *Params) unknown(w string) {
	name, _, hasVal := strings.Cut(w, "=")
	switch {
	case strings.Contains(name, "."):
	case hasVal:
		p.InitEnv = append(p.InitEnv, w)
	default:
		p.InitArgs = append(p.InitArgs, w)
	}
}

// splitCmdline is next_arg's tokenizing: blanks between words, a double
// quote starts or ends a quoted stretch in which blanks do not split.
func splitCmdline(line string) []string {
	var words []string
	var cur strings.Builder
	quoted, inWord := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			quoted = !quoted
			inWord = true
		case !quoted && (c == ' ' || c == '\t' || c == '\n'):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

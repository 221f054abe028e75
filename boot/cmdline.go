// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"math"
	"slices"
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
	RootWait   bool     // rootwait, or rootwait=SECONDS with a positive number
	// RootWaitSecs is rootwait='s limit; 0 waits for ever.
	RootWaitSecs int
	RootDelay    int    // rootdelay=, seconds
	Init         string // init=
	RdInit       string // rdinit=, "/init" by default
	// DevtmpfsMount is devtmpfs.mount=: whether prepare_namespace mounts
	// devtmpfs on the new root's /dev (on by default, as
	// CONFIG_DEVTMPFS_MOUNT kernels have it).
	DevtmpfsMount bool
	NoInitrd      bool // noinitrd
	// ConsoleLevel is console_loglevel as quiet (4), debug (10) and
	// loglevel= set it: the console shows messages of a lower level;
	// 0 leaves the default (7).
	ConsoleLevel int
	// InitArgs and InitEnv are what the kernel hands init: words it does
	// not know, "name=value" ones as environment (a later one replacing
	// an earlier of the same name), others as arguments, and everything
	// after "--" as arguments. init= and rdinit= drop the arguments given
	// before them.
	InitArgs []string
	InitEnv  []string
	// Unknown is what print_unknown_bootoptions reports: the arguments
	// and environment passed on, those after "--" aside.
	Unknown []string
}

// ParseCmdline splits a kernel command line as parse_args does (blanks
// separate words; double quotes group, and are dropped) and reads the
// parameters the boot knows.
func ParseCmdline(line string) Params {
	p := Params{RdInit: "/init", DevtmpfsMount: true}
	words := splitCmdline(line)
	for i, w := range words {
		if w == "--" {
			p.Unknown = p.unknownWords()
			p.InitArgs = append(p.InitArgs, words[i+1:]...)
			return p
		}
		if !p.apply(w) {
			p.unknown(w)
		}
	}
	p.Unknown = p.unknownWords()
	return p
}

// unknownWords are the arguments, then the environment words that did not
// replace a default one.
func (p *Params) unknownWords() []string {
	out := append([]string(nil), p.InitArgs...)
	for _, w := range p.InitEnv {
		if !strings.HasPrefix(w, "HOME=") && !strings.HasPrefix(w, "TERM=") {
			out = append(out, w)
		}
	}
	return out
}

// Envp is envp_init: HOME and TERM, each replaced by a parameter of its
// name, then the other "name=value" words.
func (p *Params) Envp() []string {
	env := append([]string(nil), defaultEnv...)
	for _, w := range p.InitEnv {
		name, _, _ := strings.Cut(w, "=")
		if i := slices.IndexFunc(env, func(e string) bool { return strings.HasPrefix(e, name+"=") }); i >= 0 {
			env[i] = w
			continue
		}
		env = append(env, w)
	}
	return env
}

// kernelOnly are parameters of the kernel's own (early_param, __setup
// and core parameters) that an image's command line commonly carries:
// the kernel takes them, so init never sees them.
var kernelOnly = map[string]bool{
	"console": true, "earlycon": true, "earlyprintk": true, "ignore_loglevel": true,
	"panic": true, "panic_on_oops": true, "nokaslr": true, "mitigations": true,
	"selinux": true, "apparmor": true, "security": true, "lsm": true, "audit": true,
	"initrd": true, "ramdisk_size": true, "nosmp": true, "maxcpus": true, "nr_cpus": true,
	"mem": true, "memmap": true, "hugepages": true, "hugepagesz": true,
	"default_hugepagesz": true, "transparent_hugepage": true, "ip": true,
	"nfsroot": true, "raid": true, "md": true, "lpj": true, "reboot": true,
	"crashkernel": true, "acpi": true, "pci": true, "noapic": true, "nolapic": true,
	"clocksource": true, "tsc": true, "nohz": true, "isolcpus": true, "rcu_nocbs": true,
	"cgroup_disable": true, "cgroup_enable": true, "cgroup_no_v1": true, "swiotlb": true,
	"iommu": true, "intel_iommu": true, "amd_iommu": true, "vga": true, "video": true,
	"fbcon": true, "nomodeset": true, "norandmaps": true, "init_on_alloc": true,
	"init_on_free": true, "pti": true, "nopti": true, "spectre_v2": true,
	"nowatchdog": true, "nmi_watchdog": true, "noreplace-smp": true, "elevator": true,
	"hardened_usercopy": true, "slab_nomerge": true, "numa": true, "noresume": true,
	"resume": true, "hibernate": true,
}

// defaultEnv is envp_init before the command line adds to it.
var defaultEnv = []string{"HOME=/", "TERM=linux"}

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
		// rootwait_timeout_setup: a bad or excessive number waits for
		// ever, 0 not at all.
		p.RootWait, p.RootWaitSecs = true, 0
		if n, err := strconv.ParseInt(val, 0, 32); hasVal && err == nil && n >= 0 && n <= math.MaxInt32/1000 {
			p.RootWait, p.RootWaitSecs = n != 0, int(n)
		}
	case "rootdelay":
		p.RootDelay, _ = strconv.Atoi(val)
	case "init":
		p.Init = val
		p.InitArgs = nil // init_setup: LILO's "auto" and the like before it
	case "rdinit":
		p.RdInit = val
		p.InitArgs = nil
	case "devtmpfs.mount":
		n, err := strconv.Atoi(val)
		p.DevtmpfsMount = err != nil || n != 0
	case "quiet":
		p.ConsoleLevel = 4 // CONSOLE_LOGLEVEL_QUIET
	case "debug":
		p.ConsoleLevel = 10 // CONSOLE_LOGLEVEL_DEBUG
	case "loglevel":
		if n, err := strconv.Atoi(val); err == nil {
			p.ConsoleLevel = n
		}
	case "noinitrd":
		p.NoInitrd = true
	default:
		return kernelOnly[key]
	}
	switch key {
	case "ro", "rw", "rootwait", "noinitrd", "quiet", "debug":
		return true
	}
	return hasVal
}

// unknown passes a word the kernel does not know on to init, as
// unknown_bootoption does: with a "=" (and no "." in the name, which
// would make it a module's) to the environment, else to the arguments.
func (p *Params) unknown(w string) {
	name, _, hasVal := strings.Cut(w, "=")
	switch {
	case strings.Contains(name, "."):
	case hasVal:
		for i, e := range p.InitEnv {
			if strings.HasPrefix(e, name+"=") {
				p.InitEnv[i] = w
				return
			}
		}
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

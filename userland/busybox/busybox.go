// SPDX-License-Identifier: Apache-2.0

// Package busybox holds the applets whose busybox version behaves unlike
// linuxvfs's program of the same name (util-linux's or coreutils'), in the
// ways an init script notices: mount keeps no userspace table and words
// its failures its own way, umount likewise, switch_root moves no mounts.
// "busybox NAME" and links to /bin/busybox named NAME run them; every
// other applet of busybox is the set's program.
package busybox

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Register gives busybox its own mount, umount and switch_root.
func Register(set *applet.Set) {
	set.RegisterBusybox(mountApplet, "mount")
	set.RegisterBusybox(umountApplet, "umount")
	set.RegisterBusybox(switchRootApplet, "switch_root")
}

// failure is busybox's exit status after a fatal error (xfunc_error_retval).
const failure = 1

// fail prints "APPLET: message" on standard error and returns failure.
func fail(c *applet.Cmd, format string, a ...any) int {
	warn(c, format, a...)
	return failure
}

// warn prints "APPLET: message" on standard error.
func warn(c *applet.Cmd, format string, a ...any) {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, fmt.Sprintf(format, a...))
}

// getoptWarn is the C library's getopt complaining: it names argv[0]
// as busybox hands it over, the path a link was run by.
func getoptWarn(c *applet.Cmd, format string, a ...any) {
	c.Out.Flush()
	name := c.Argv0
	if name == "" {
		name = c.Name
	}
	fmt.Fprintf(c.Errw, "%s: %s\n", name, fmt.Sprintf(format, a...))
}

// usage is busybox's answer to a command line it cannot use: the
// applet's synopsis on standard error, status 1.
func usage(c *applet.Cmd, synopsis string) int {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "Usage: %s %s\n", c.Name, synopsis)
	return failure
}

// option is one parsed short option and its argument.
type option struct {
	name byte
	arg  string
}

// getopt parses short options as busybox's getopt32 does through the C
// library's getopt: spec lists the letters, a letter followed by ':'
// takes an argument; clustered letters, "--" ends the options. With
// inOrder the first operand ends them ('+'); otherwise operands and
// options may mix. An unknown letter or a missing argument is reported
// in getopt's words and ok is false.
func getopt(c *applet.Cmd, args []string, spec string, inOrder bool) (opts []option, operands []string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return opts, append(operands, args[i+1:]...), true
		}
		if len(a) < 2 || a[0] != '-' {
			if inOrder {
				return opts, append(operands, args[i:]...), true
			}
			operands = append(operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			k := strings.IndexByte(spec, a[j])
			if k < 0 || a[j] == ':' {
				getoptWarn(c, "invalid option -- '%c'", a[j])
				return nil, nil, false
			}
			if k+1 >= len(spec) || spec[k+1] != ':' {
				opts = append(opts, option{name: a[j]})
				continue
			}
			arg := a[j+1:]
			if arg == "" {
				if i+1 >= len(args) {
					getoptWarn(c, "option requires an argument -- '%c'", a[j])
					return nil, nil, false
				}
				i++
				arg = args[i]
			}
			opts = append(opts, option{name: a[j], arg: arg})
			break
		}
	}
	return opts, operands, true
}

// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// unameFields are uname's fields in the order it prints them, with the
// option selecting each; processor and hardware platform are "unknown" on
// Linux, and -a leaves them out then.
var unameFields = []struct {
	short, long, alias, about string
	value                     func(u vfs.Utsname) string
}{
	{"s", "kernel-name", "sysname", "the kernel's name (Linux)", func(u vfs.Utsname) string { return u.Sysname }},
	{"n", "nodename", "", "the host name of the UTS namespace", func(u vfs.Utsname) string { return u.Nodename }},
	{"r", "kernel-release", "release", "the release number", func(u vfs.Utsname) string { return u.Release }},
	{"v", "kernel-version", "", "the build string after the release", func(u vfs.Utsname) string { return u.Version }},
	{"m", "machine", "", "the machine type (x86_64, aarch64...)", func(u vfs.Utsname) string { return u.Machine }},
	{"p", "processor", "", "the processor type, which Linux does not tell", func(vfs.Utsname) string { return "unknown" }},
	{"i", "hardware-platform", "", "the hardware platform, which Linux does not tell", func(vfs.Utsname) string { return "unknown" }},
	{"o", "operating-system", "", "the system's name (GNU/Linux)", func(vfs.Utsname) string { return "GNU/Linux" }},
}

// unameApplet is uname(1) over the task's UTS namespace.
func unameApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]..."
	fs.About = "Print what the kernel says about itself: its name when no option asks\nfor more."
	all := fs.BoolP("all", "a", false, "every field Linux knows, in the order below")
	want := make([]*bool, len(unameFields))
	for i, f := range unameFields {
		want[i] = fs.BoolP(f.long, f.short, false, f.about)
		if f.alias != "" {
			fs.BoolVar(want[i], f.alias, false, "the same as --"+f.long)
		}
	}
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) > 0 {
		return c.ExtraOperand(ops[0])
	}
	u := c.Task.Uname()
	var out []string
	chosen := false
	for i, f := range unameFields {
		chosen = chosen || *want[i]
		v := f.value(u)
		// With -a, the fields Linux does not know are left out even when
		// asked for by name as well.
		if (*want[i] || *all) && !(*all && v == "unknown") {
			out = append(out, v)
		}
	}
	if !chosen && !*all {
		out = []string{u.Sysname}
	}
	fmt.Fprintln(c.Out, strings.Join(out, " "))
	return 0
}

// hostnameUsageStatus is the status of the hostname tool's usage errors
// (it exits with -1).
const hostnameUsageStatus = 255

// hostnameApplet is the hostname tool Debian ships (not coreutils'):
// print the task's host name (-s: up to the first dot), set it from an
// operand or the first line of -F FILE, or -y the NIS domain name. The
// DNS forms (-d, -f, -a, -i ...) need a resolver, which linuxvfs does not
// have: they fail as an unresolvable name does.
func hostnameApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[-b] {NAME|-F FILE}\n  or:  hostname [-s|-y|-d|-f|-a|-A|-i|-I]"
	fs.About = "Print the host name, or set it (root only)."
	c.UsageStatus = hostnameUsageStatus
	short := fs.BoolP("short", "s", false, "print the name up to its first dot")
	fs.BoolP("boot", "b", false, "set the name even when it would be empty (no effect here)")
	file := fs.StringP("file", "F", "", "set the name from the first line of `FILE`")
	nis := fs.BoolP("yp", "y", false, "print (or with NAME set) the NIS domain name")
	fs.BoolVar(nis, "nis", false, "the same as --yp")
	var dns bool
	for _, o := range [][2]string{{"domain", "d"}, {"fqdn", "f"}, {"alias", "a"}, {"all-fqdns", "A"}, {"ip-address", "i"}, {"all-ip-addresses", "I"}} {
		fs.BoolVarP(&dns, o[0], o[1], false, "resolve the name ("+o[0]+"): needs DNS")
	}
	fs.BoolVar(&dns, "long", false, "the same as --fqdn")
	ops, ok := c.Parse(fs)
	if !ok {
		return hostnameUsageStatus
	}
	// The tool's other names stand for options (its "Program name"
	// table): the NIS domain for the domainname three, the DNS domain
	// for dnsdomainname, which sets nothing.
	switch c.Name {
	case "domainname", "nisdomainname", "ypdomainname":
		*nis = true
	case "dnsdomainname":
		if len(ops) > 0 {
			c.TryHelp()
			return hostnameUsageStatus
		}
		dns = !*nis
	}
	switch {
	case len(ops) > 1:
		c.TryHelp()
		return hostnameUsageStatus
	case fs.Changed("file"):
		return c.setNameFrom(*file, *nis)
	case len(ops) == 1 && *nis:
		return c.setDomainname(ops[0])
	case len(ops) == 1:
		return c.setHostname(ops[0])
	case *nis && c.Name == "domainname" && !fs.Changed("yp") && !fs.Changed("nis"):
		// Plain domainname prints what the kernel has, "(none)" too.
		fmt.Fprintln(c.Out, c.Task.Uname().Domainname)
		return 0
	case *nis:
		return c.printNISDomain()
	case dns:
		c.Errorf("Name or service not known")
		return 1
	}
	name := c.Task.Uname().Nodename
	if *short {
		name, _, _ = strings.Cut(name, ".")
	}
	fmt.Fprintln(c.Out, name)
	return 0
}

// setHostname checks a name as the hostname tool does (dot-separated
// labels of letters, digits and inner hyphens) and sets it.
func (c *cmd) setHostname(name string) int {
	if len(name) > vfs.NewUTSLen {
		c.Errorf("name too long")
		return 1
	}
	if !validHostname(name) {
		c.Errorf("the specified hostname is invalid")
		return 1
	}
	if err := c.Task.Sethostname(name); err != nil {
		if errors.Is(err, linux.EPERM) {
			c.Errorf("you must be root to change the host name")
		} else {
			c.Errorf("%s", applet.ErrText(err))
		}
		return 1
	}
	return 0
}

func validHostname(name string) bool {
	for _, label := range strings.Split(name, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, ch := range []byte(label) {
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-') {
				return false
			}
		}
	}
	return true
}

// setNameFrom is -F: the host name (the NIS domain name with nis) from
// the first line of file that is neither empty nor a comment, without
// surrounding blanks.
func (c *cmd) setNameFrom(file string, nis bool) int {
	set := c.setHostname
	if nis {
		set = c.setDomainname
	}
	r, err := c.openInput(file)
	if err != nil {
		c.Errorf("%s", applet.ErrText(err))
		return 1
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		c.Errorf("%s", applet.ErrText(err))
		return 1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			return set(line)
		}
	}
	return set("")
}

// setDomainname is -y NAME: the NIS domain name, which the tool does not
// check beyond its length.
func (c *cmd) setDomainname(name string) int {
	if err := c.Task.Setdomainname(name); err != nil {
		if errors.Is(err, linux.EINVAL) {
			c.Errorf("name too long")
		} else {
			c.Errorf("%s", applet.ErrText(err))
		}
		return 1
	}
	return 0
}

// printNISDomain is -y: the domain name, unless it is the kernel's
// "(none)" (the tool then says so on standard output); an empty one set
// by domainname "" is printed as it is.
func (c *cmd) printNISDomain() int {
	d := c.Task.Uname().Domainname
	if d == "(none)" {
		fmt.Fprintf(c.Out, "%s: Local domain name not set\n", c.Name)
		return 1
	}
	fmt.Fprintln(c.Out, d)
	return 0
}

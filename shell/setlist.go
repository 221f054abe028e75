// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"strings"
)

// set -o and set +o list the options: dash under a "Current option
// settings" heading, each name padded to 16 columns, in its own order;
// bash all of its names sorted, padded to 15 and a tab, or for +o as the
// set commands that restore them. The interpreter knows fewer options
// and lists them its own way, so set's listing is setlistCmd's: the
// letters of the interpreter's $-, bash's pipefail from the
// interpreter's own listing, noclobber and dash's stdin flag from the
// shell (options of an interactive shell are not modelled).

const setlistCmd = internal + "setlist"

// dashOptions are dash's options in its order, with their letters.
var dashOptions = []struct {
	name   string
	letter byte
}{
	{"errexit", 'e'}, {"noglob", 'f'}, {"ignoreeof", 'I'}, {"interactive", 'i'}, {"monitor", 'm'},
	{"noexec", 'n'}, {"stdin", 's'}, {"xtrace", 'x'}, {"verbose", 'v'}, {"vi", 'V'}, {"emacs", 'E'},
	{"noclobber", 'C'}, {"allexport", 'a'}, {"notify", 'b'}, {"nounset", 'u'}, {"privileged", 'p'},
	{"nolog", 0}, {"debug", 0},
}

// bashOptions are bash's set -o names, sorted; bashOptionsOn those on by
// default in a shell that is not interactive, and bashLetters the others
// the interpreter's $- may show.
var (
	bashOptions = []string{"allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace",
		"hashall", "histexpand", "history", "ignoreeof", "interactive-comments", "keyword", "monitor",
		"noclobber", "noexec", "noglob", "nolog", "notify", "nounset", "onecmd", "physical", "pipefail",
		"posix", "privileged", "verbose", "vi", "xtrace"}
	bashOptionsOn = map[string]bool{"braceexpand": true, "hashall": true, "interactive-comments": true}
	bashLetters   = map[string]byte{"allexport": 'a', "errexit": 'e', "noexec": 'n', "noglob": 'f',
		"nounset": 'u', "xtrace": 'x', "noclobber": 'C'}
)

// setListCall is what runs for `set -o` or `set +o` alone (sign is "-"
// or "+"), nil for any other set.
func (s *shell) setListCall(args []string) []string {
	if len(args) != 2 || args[1] != "-o" && args[1] != "+o" {
		return nil
	}
	script := setlistCmd + " " + args[1] + ` "$-"`
	if s.dialect != Dash {
		script += ` "$(builtin set -o)"`
	}
	return []string{"eval", strings.Join(getoptsQuiet([]string{script}), "\n")}
}

// setlistApplet prints the listing: its words are the sign, the
// interpreter's $- and, for bash, its own set -o listing.
func setlistApplet(c *cmd) int {
	if len(c.Args) < 2 {
		return 2
	}
	sign, letters := c.Args[0][:1], c.Args[1]
	if noclobber(c.hc.Env) {
		letters += "C"
	}
	if c.sh.dialect == Dash {
		letters += c.sh.stdinFlagValue()
		c.sh.dashOptionList(c, sign, letters)
		return 0
	}
	pipefail := len(c.Args) > 2 && strings.Contains(c.Args[2], "pipefail\ton")
	for _, name := range bashOptions {
		on := bashOptionsOn[name] || name == "pipefail" && pipefail
		if l, ok := bashLetters[name]; ok {
			on = strings.IndexByte(letters, l) >= 0
		}
		switch {
		case sign == "+" && on:
			fmt.Fprintf(c.Out, "set -o %s\n", name)
		case sign == "+":
			fmt.Fprintf(c.Out, "set +o %s\n", name)
		default:
			fmt.Fprintf(c.Out, "%-15s\t%s\n", name, onOff(on))
		}
	}
	return 0
}

// dashOptionList prints dash's listing for the options of letters.
func (s *shell) dashOptionList(c *cmd, sign, letters string) {
	if sign == "-" {
		fmt.Fprintln(c.Out, "Current option settings")
	}
	for _, o := range dashOptions {
		on := o.letter != 0 && strings.IndexByte(letters, o.letter) >= 0
		if sign == "-" {
			fmt.Fprintf(c.Out, "%-16s%s\n", o.name, onOff(on))
		} else {
			fmt.Fprintf(c.Out, "set %so %s\n", map[bool]string{true: "-", false: "+"}[on], o.name)
		}
	}
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

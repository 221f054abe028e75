// SPDX-License-Identifier: Apache-2.0

package getopt

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestAgainstGetopt1 parses random command lines with Parse and with
// util-linux's getopt(1), which is glibc's getopt_long with its output
// written out, and requires the same options, operands and first error.
func TestAgainstGetopt1(t *testing.T) {
	bin, err := exec.LookPath("getopt")
	if err != nil {
		t.Skip("no getopt(1) on this machine")
	}
	words := []string{"-a", "-ab", "-abx", "-b", "-c", "-cv", "-x", "-", "--", "x", "y z", "it's",
		"--a", "--al", "--all", "--alm", "--all=1", "--b", "--bl=2", "--block", "--c", "--co",
		"--col", "--colo", "--color", "--color=", "--color=v", "--no", "--no=3", "-ac", "-ba"}
	rapid.Check(t, func(rt *rapid.T) {
		args := rapid.SliceOfN(rapid.SampledFrom(words), 0, 6).Draw(rt, "args")
		cmd := exec.Command(bin, append([]string{"-o", "ab:c::", "-l", "all,almost-all,block:,color::,col", "--"}, args...)...)
		cmd.Args[0] = "getopt"
		cmd.Env = []string{"LC_ALL=C"}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			rt.Fatal(err)
		}
		p := Parser{Options: table[:8]}
		opts, ops, perr := p.Parse(args)
		firstErr, _, _ := strings.Cut(stderr.String(), "\n")
		switch {
		case perr != nil:
			if want := "getopt: " + perr.Error(); firstErr != want {
				rt.Fatalf("%q: we say %q, getopt(1) %q", args, want, firstErr)
			}
		case firstErr != "":
			rt.Fatalf("%q: getopt(1) says %q, we parse %s", args, firstErr, render(opts, ops))
		default:
			if got, want := render(opts, ops), strings.TrimSuffix(string(out), "\n"); got != want {
				rt.Fatalf("%q:\n ours    %s\n getopt  %s", args, got, want)
			}
		}
	})
}

// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// FuzzMountOptstr runs the userland's option-string code (mount's option
// model, strtosize, the mountinfo and fstab line readers) on arbitrary option strings and flag words: no panic, and the
// invariants those functions promise.
func FuzzMountOptstr(f *testing.F) {
	for _, s := range []string{
		"", "defaults", "ro", "rw,ro", "size=1m,mode=700", "remount,bind,ro", "bind,ro,nosuid",
		"rbind,slave", "x-foo=bar,comment=x,user,context=foo,nosymfollow", "X-mount.mkdir",
		"loop,offset=0x200,sizelimit=1KiB", "loop=/dev/loop3", "user=joe,owner", "uid=root,gid=usergid",
		`context="a,b",ro`, "=x", ",,,", "ro=1,exec=0", "rprivate,unbindable", "noatime,relatime,strictatime",
		"1.5MiB", "0x10k", "077", "18446744073709551616", " -1",
	} {
		f.Add(s, uint64(0))
	}
	f.Add("ro,nodev", uint64(linux.MS_RDONLY|linux.MS_NOSUID))
	f.Add("bind", uint64(linux.MS_BIND|linux.MS_REC|linux.MS_SHARED))
	f.Add("rw,noexec,x-y", uint64(linux.MS_NOEXEC|linux.MS_LAZYTIME))
	f.Fuzz(func(t *testing.T, s string, flags uint64) {
		opts := checkSplitOpts(t, s)
		checkSplitOptstr(t, opts)
		userFlags(opts)
		checkApplyFlags(t, opts, flags)
		merged := mergeOptstr(s, strings.Join(opts, ","))
		if s != "" && !strings.HasPrefix(merged, "rw") && !strings.HasPrefix(merged, "ro") && merged != s {
			t.Errorf("mergeOptstr(%q, ...) = %q", s, merged)
		}
		checkStrtosize(t, s)
		parseMountinfoLine(s)
		parseFstab(nil, s)
		dropSecurityLabels(opts)
		optionValue(opts, "loop")
		checkSplitPropagation(t, opts, flags)
	})
}

// checkSplitOpts: without quotes, libmount's split is strings.Split with
// the empty items dropped; with them, no item is empty and none is made
// up.
func checkSplitOpts(t *testing.T, s string) []string {
	opts := splitOpts(s)
	total := 0
	for _, o := range opts {
		if o == "" || !strings.Contains(s, o) {
			t.Fatalf("splitOpts(%q) = %q", s, opts)
		}
		total += len(o)
	}
	if total > len(s) {
		t.Fatalf("splitOpts(%q) = %q: longer than its input", s, opts)
	}
	if strings.Contains(s, `"`) {
		return opts
	}
	var want []string
	for _, o := range strings.Split(s, ",") {
		if o != "" {
			want = append(want, o)
		}
	}
	if strings.Join(want, "\x00") != strings.Join(opts, "\x00") {
		t.Fatalf("splitOpts(%q) = %q, want %q", s, opts, want)
	}
	return opts
}

// checkSplitOptstr: every option lands in one class (or is "defaults"-
// like and dropped), in order.
func checkSplitOptstr(t *testing.T, opts []string) {
	g := groupOptions(opts)
	n := 0
	for _, o := range opts {
		if classify(o) == optNothing {
			n++
		}
	}
	if len(g.kernel)+len(g.fs)+len(g.user)+n != len(opts) {
		t.Fatalf("groupOptions(%q) = %q %q %q", opts, g.kernel, g.fs, g.user)
	}
	for _, o := range g.kernel {
		if _, _, ok := kernelWord(o); !ok {
			t.Fatalf("groupOptions(%q): %q is no kernel flag word", opts, o)
		}
	}
}

// checkApplyFlags: the list mount makes for a flag word starts with the
// word's rw/ro and names every flag of the word that has a name. (Doing it
// twice need not be stable: mount(8) turns "bind" with MS_SHARED|MS_REC
// into "bind,shared,rshared", and that again drops the "rshared".)
func checkApplyFlags(t *testing.T, opts []string, flags uint64) {
	out := rebuildKernelOpts(opts, flags)
	want := "rw"
	if flags&linux.MS_RDONLY != 0 {
		want = "ro"
	}
	if len(out) == 0 || out[0] != want {
		t.Fatalf("rebuildKernelOpts(%q, %#x) = %q", opts, flags, out)
	}
	var named uint64
	for _, w := range kernelWords {
		named |= w.bits
	}
	named &^= linux.MS_REC
	if got := kernelFlags(out); got&flags&named != flags&named {
		t.Fatalf("rebuildKernelOpts(%q, %#x) = %q, which reads back as %#x", opts, flags, out, got)
	}
}

// checkStrtosize: a plain decimal number reads as itself.
func checkStrtosize(t *testing.T, s string) {
	n, err := parseSizeArg(s)
	if err != nil {
		return
	}
	if d := strings.TrimLeft(s, "0123456789"); d == "" && s != "" && s[0] != '0' {
		if want, perr := strconv.ParseUint(s, 10, 64); perr == nil && n != want {
			t.Fatalf("parseSizeArg(%q) = %d", s, n)
		}
	}
}

// checkSplitPropagation: the propagation changes taken out of a rebuilt
// list are its propagation words, and none stays in the main call's flags.
func checkSplitPropagation(t *testing.T, opts []string, flags uint64) {
	rebuilt := rebuildKernelOpts(groupOptions(opts).kernel, flags)
	changes, rest := splitPropagation(rebuilt, flags)
	var all uint64
	for _, c := range changes {
		if c&msPropagation == 0 || c&^(msPropagation|linux.MS_REC) != 0 {
			t.Fatalf("splitPropagation(%q, %#x): change %#x", rebuilt, flags, c)
		}
		all |= c
	}
	if flags&msPropagation != 0 && rest&msPropagation&all != 0 {
		t.Fatalf("splitPropagation(%q, %#x) leaves %#x", rebuilt, flags, rest)
	}
}

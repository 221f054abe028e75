// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// FuzzMountOptstr runs the userland's option-string code (libmount's
// optstr and optmap functions, strtosize, the mountinfo and fstab line
// readers) on arbitrary option strings and flag words: no panic, and the
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
		ulGetFlags(opts, true)
		checkApplyFlags(t, opts, flags)
		merged := ulMergeOptstr(s, strings.Join(opts, ","))
		if s != "" && !strings.HasPrefix(merged, "rw") && !strings.HasPrefix(merged, "ro") && merged != s {
			t.Errorf("ulMergeOptstr(%q, ...) = %q", s, merged)
		}
		if u := ulUnmangle(s); len(u) > len(s) {
			t.Errorf("ulUnmangle(%q) = %q grew", s, u)
		}
		checkStrtosize(t, s)
		ulParseMountinfoLine(s)
		ulParseFstab(nil, s)
		ulDropSELinux(opts)
		ulFindOpt(opts, "loop")
	})
}

// checkSplitOpts: without quotes, libmount's split is strings.Split with
// the empty items dropped; with them, no item is empty and none is made
// up.
func checkSplitOpts(t *testing.T, s string) []string {
	opts := ulSplitOpts(s)
	total := 0
	for _, o := range opts {
		if o == "" || !strings.Contains(s, o) {
			t.Fatalf("ulSplitOpts(%q) = %q", s, opts)
		}
		total += len(o)
	}
	if total > len(s) {
		t.Fatalf("ulSplitOpts(%q) = %q: longer than its input", s, opts)
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
		t.Fatalf("ulSplitOpts(%q) = %q, want %q", s, opts, want)
	}
	return opts
}

// checkSplitOptstr: every option lands in one class (or is "defaults"-
// like and dropped), in order.
func checkSplitOptstr(t *testing.T, opts []string) {
	v, fs, u := ulSplitOptstr(opts)
	n := 0
	for _, o := range opts {
		name, _, _ := ulOptName(o)
		if _, e := ulLookupEnt(name, ulLinuxMap, ulUserMap); e != nil && e.id == 0 {
			n++
		}
	}
	if len(v)+len(fs)+len(u)+n != len(opts) {
		t.Fatalf("ulSplitOptstr(%q) = %q %q %q", opts, v, fs, u)
	}
}

// checkApplyFlags: the string libmount makes for a flag word starts with
// the word's rw/ro and names every flag of the word the Linux map has a
// name for. (Applying it twice need not be stable: libmount's own
// mnt_optstr_apply_flags turns "bind" with MS_SHARED|MS_REC into
// "bind,shared,rshared" and then drops the "rshared".)
func checkApplyFlags(t *testing.T, opts []string, flags uint64) {
	out := ulApplyFlags(opts, flags)
	want := "rw"
	if flags&linux.MS_RDONLY != 0 {
		want = "ro"
	}
	if len(out) == 0 || out[0] != want {
		t.Fatalf("ulApplyFlags(%q, %#x) = %q", opts, flags, out)
	}
	var named uint64
	for _, e := range ulLinuxMap {
		if !e.invert {
			named |= e.id
		}
	}
	named &^= linux.MS_REC
	if got := ulGetFlags(out, false); got&flags&named != flags&named {
		t.Fatalf("ulApplyFlags(%q, %#x) = %q, which reads back as %#x", opts, flags, out, got)
	}
}

// checkStrtosize: a plain decimal number reads as itself.
func checkStrtosize(t *testing.T, s string) {
	n, err := ulStrtosize(s)
	if err != nil {
		return
	}
	if d := strings.TrimLeft(s, "0123456789"); d == "" && s != "" && s[0] != '0' {
		if want, perr := strconv.ParseUint(s, 10, 64); perr == nil && n != want {
			t.Fatalf("ulStrtosize(%q) = %d", s, n)
		}
	}
}

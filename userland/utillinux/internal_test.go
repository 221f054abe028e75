// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"reflect"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

func TestULMergeOptstr(t *testing.T) {
	for _, tc := range []struct{ vfs, fs, want string }{
		{"rw,relatime", "rw,size=1024k", "rw,relatime,size=1024k"},
		{"ro,relatime", "rw", "ro,relatime"},
		{"ro,relatime", "ro", "ro,relatime"},
		{"rw,nosuid,relatime", "rw,mode=755", "rw,nosuid,relatime,mode=755"},
		{"rw,relatime", "rw,relatime", "rw,relatime"},
		{"", "rw", "rw"},
	} {
		if got := mergeOptstr(tc.vfs, tc.fs); got != tc.want {
			t.Errorf("mergeOptstr(%q, %q) = %q, want %q", tc.vfs, tc.fs, got, tc.want)
		}
	}
}

func TestULSplitAndFlags(t *testing.T) {
	g := groupOptions(splitOpts(`defaults,ro,size=1m,x-foo=bar,nosuid,mode=700,user,context="a,b",ro=1`))
	v, f, u := g.kernel, g.fs, g.user
	if want := []string{"ro", "nosuid"}; !reflect.DeepEqual(v, want) {
		t.Errorf("vfs = %q, want %q", v, want)
	}
	if want := []string{"size=1m", "mode=700", `context="a,b"`, "ro=1"}; !reflect.DeepEqual(f, want) {
		t.Errorf("fs = %q, want %q", f, want)
	}
	if want := []string{"x-foo=bar", "user"}; !reflect.DeepEqual(u, want) {
		t.Errorf("user = %q, want %q", u, want)
	}
	if got, want := kernelFlags([]string{"ro", "rw", "nosuid", "user"}), uint64(linux.MS_NOSUID|linux.MS_NOEXEC|linux.MS_NODEV); got != want {
		t.Errorf("flags = %#x, want %#x", got, want)
	}
	if got, want := kernelFlags([]string{"rbind", "noatime", "atime"}), uint64(linux.MS_BIND|linux.MS_REC); got != want {
		t.Errorf("flags = %#x, want %#x", got, want)
	}
}

func TestULApplyFlags(t *testing.T) {
	for _, tc := range []struct {
		opts  []string
		flags uint64
		want  []string
	}{
		{[]string{"shared", "slave"}, linux.MS_SHARED | linux.MS_SLAVE, []string{"rw", "shared", "slave"}},
		{[]string{"shared", "shared"}, linux.MS_SHARED, []string{"rw", "shared"}},
		{[]string{"rw", "relatime", "remount", "ro"}, linux.MS_RELATIME | linux.MS_REMOUNT | linux.MS_RDONLY, []string{"ro", "relatime", "remount"}},
		{nil, linux.MS_NOSUID | linux.MS_NODEV, []string{"rw", "nosuid", "nodev"}},
	} {
		if got := rebuildKernelOpts(tc.opts, tc.flags); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("rebuildKernelOpts(%q, %#x) = %q, want %q", tc.opts, tc.flags, got, tc.want)
		}
	}
}

func TestULMatching(t *testing.T) {
	for _, tc := range []struct {
		typ, pattern string
		want         bool
	}{
		{"tmpfs", "tmpfs", true},
		{"tmpfs", "proc,tmpfs", true},
		{"tmpfs", "notmpfs,proc", false},
		{"ramfs", "notmpfs,proc", true},
		{"proc", "tmpfs,noproc", false},
		{"ramfs", "tmpfs,noproc", false},
	} {
		if got := matchFstype(tc.typ, tc.pattern); got != tc.want {
			t.Errorf("matchFstype(%q, %q) = %v", tc.typ, tc.pattern, got)
		}
	}
	for _, tc := range []struct {
		opts, pattern string
		want          bool
	}{
		{"rw,relatime,size=1024k", "size=1024k", true},
		{"rw,relatime,size=1024k", "size=2m", false},
		{"rw,relatime", "noatime", true}, // "no" negates "atime", which is absent
		{"rw,relatime", "nomode", true},
		{"rw,relatime", "+noexec", false},
	} {
		if got := matchOptions(tc.opts, tc.pattern); got != tc.want {
			t.Errorf("matchOptions(%q, %q) = %v", tc.opts, tc.pattern, got)
		}
	}
}

func TestULSizeToHuman(t *testing.T) {
	for _, tc := range []struct {
		n    uint64
		want string
	}{
		{1023, "1023B"}, {1024, "1K"}, {1100, "1.1K"}, {1 << 20, "1M"},
		{3 << 19, "1.5M"}, {8 << 30, "8G"}, {(1 << 20) - 1, "1024K"},
	} {
		if got := sizeToHuman(tc.n); got != tc.want {
			t.Errorf("sizeToHuman(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestULMountinfoParse(t *testing.T) {
	fs := parseMountinfoLine(`7 2 0:6 /sub /my\040dir rw,relatime shared:1 master:2 - tmpfs t\011x rw,size=1024k`)
	if fs == nil {
		t.Fatal("not parsed")
	}
	if fs.id != 7 || fs.parent != 2 || fs.minor != 6 || fs.root != "/sub" || fs.target != "/my dir" ||
		fs.source != "t\tx" || fs.optstr != "rw,relatime,size=1024k" || fs.optFields != "shared:1 master:2" {
		t.Errorf("parsed %+v", *fs)
	}
	if got := fs.propagation(); got != linux.MS_SHARED|linux.MS_SLAVE {
		t.Errorf("propagation %#x", got)
	}
}

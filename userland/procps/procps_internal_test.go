// SPDX-License-Identifier: Apache-2.0

package procps

import "testing"

func TestParseFormat(t *testing.T) {
	f, err := parseFormat("pid=P,comm:4 args")
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 3 || f[0].header != "P" || f[1].width != 4 || f[1].header != "COMMAND" || f[2].header != "COMMAND" {
		t.Fatalf("got %+v", f)
	}
	if _, err := parseFormat("pid,bogus"); err == nil || err.Error() != `unknown user-defined format specifier "bogus"` {
		t.Fatalf("bogus: %v", err)
	}
}

func TestFreeScale(t *testing.T) {
	for _, tc := range []struct {
		kib   uint64
		si    bool
		human bool
		exp   int
		want  string
	}{
		{10152, false, true, 0, "9.9Mi"}, {1000, false, true, 0, "1.0Mi"}, {990, false, true, 0, "990Ki"},
		{0, false, true, 0, "0B"}, {990576, true, true, 0, "1.0G"}, {24683748, false, false, 3, "24105"},
		{24683748, true, false, 3, "25276"}, {7, false, false, 1, "7168"},
	} {
		r := &freeRun{si: tc.si, human: tc.human, exponent: tc.exp}
		if got := r.scale(tc.kib); got != tc.want {
			t.Errorf("scale(%d, si=%v human=%v exp=%d) = %q, want %q", tc.kib, tc.si, tc.human, tc.exp, got, tc.want)
		}
	}
}

func TestSysctlSeparators(t *testing.T) {
	r := &sysctlRun{}
	for in, want := range map[string]string{"kernel.ostype": "kernel/ostype", "kernel/ostype": "kernel/ostype", "a/b.c": "a/b.c", "a.b/c": "a/b.c"} {
		if got := r.swapSeparators(in, '.', '/', false); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// SPDX-License-Identifier: Apache-2.0

package applet_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// execTask is a task with a directory /t holding the program file of sh
// and a set that knows sh.
func execTask(t *testing.T) (*vfs.Task, *applet.Set) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(task.Exit)
	if err := task.Mkdir("/t", 0o755); err != nil {
		t.Fatal(err)
	}
	set := applet.NewSet()
	set.Register(func(*applet.Cmd) int { return 0 }, "sh")
	executable(t, task, "/t/sh", string(applet.ProgramImage("sh")))
	return task, set
}

func executable(t *testing.T, task *vfs.Task, name, data string) {
	t.Helper()
	writeFile(t, task, name, data)
	if err := task.Fchmodat(linux.AT_FDCWD, name, 0o755, 0); err != nil {
		t.Fatal(err)
	}
}

// TestExecInterpreters: the "#!" line's interpreter and its one argument
// go ahead of the script, the interpreter found in the task's root; a
// missing one is ENOENT (unless the set is implicit and knows its name), a
// directory EACCES, five scripts deep ELOOP; a line naming nothing, or
// whose name the buffer cuts, and text without "#!" are ENOEXEC for a
// shell to run, machine code of no program ENOEXEC for none.
func TestExecInterpreters(t *testing.T) {
	task, set := execTask(t)
	long := strings.Repeat("a", 300)
	files := map[string]string{
		"arg": "#!/t/sh   one  two \t\necho\n", "short": "#!/t/sh", "missing": "#!/nowhere/sh\n",
		"dir": "#!/t\n", "empty": "#!  \n", "text": "echo hi\n", "cut": "#!/" + long + "\n",
		"longarg": "#!/t/sh " + long + "\n", "elf": "\x7fELF\x02\x01\x01\x00",
		"s0": "#!/t/sh\n",
	}
	for i := 1; i <= 5; i++ {
		files[fmt.Sprint("s", i)] = fmt.Sprintf("#!/t/s%d\n", i-1)
	}
	for name, data := range files {
		executable(t, task, "/t/"+name, data)
	}
	for _, c := range []struct {
		path string
		argv []string
		err  error
	}{
		{"/t/arg", []string{"/t/sh", "one  two", "/t/arg", "x"}, nil},
		{"/t/short", []string{"/t/sh", "/t/short", "x"}, nil},
		{"/t/longarg", []string{"/t/sh", long[:256-len("#!/t/sh ")-1], "/t/longarg", "x"}, nil},
		{"/t/s4", []string{"/t/sh", "/t/s0", "/t/s1", "/t/s2", "/t/s3", "/t/s4", "x"}, nil},
		{"/t/s5", nil, linux.ELOOP},
		{"/t/missing", nil, linux.ENOENT},
		{"/t/dir", nil, linux.EACCES},
		{"/t", nil, linux.EACCES},
		{"/t/nofile", nil, linux.ENOENT},
	} {
		img, err := set.Exec(task, c.path, []string{"word", "x"})
		if !errors.Is(err, c.err) || (c.err == nil && !reflect.DeepEqual(img.Argv, c.argv)) || (c.err == nil && (img.Prog != "sh" || img.File != c.path)) {
			t.Errorf("Exec %s = %+v, %v; want argv %q, error %v", c.path, img, err, c.argv, c.err)
		}
	}
	for _, name := range []string{"empty", "text", "cut"} {
		if _, err := set.Exec(task, "/t/"+name, nil); !applet.TextScript(err) {
			t.Errorf("Exec %s: %v, want ENOEXEC of a text", name, err)
		}
		// No /bin/sh to run it.
		if _, err := set.ExecFile(task, "/t/"+name, nil); !errors.Is(err, linux.ENOENT) {
			t.Errorf("ExecFile %s: %v, want ENOENT", name, err)
		}
	}
	if _, err := set.Exec(task, "/t/elf", nil); !errors.Is(err, linux.ENOEXEC) || applet.TextScript(err) {
		t.Errorf("Exec of machine code of no program: %v", err)
	}
	set.SetImplicit(true)
	if img, err := set.Exec(task, "/t/missing", nil); err != nil || img.Prog != "sh" || img.Path != "/nowhere/sh" {
		t.Errorf("implicit set, missing interpreter: %+v, %v", img, err)
	}
	if img, err := set.ExecFile(task, "/t/text", []string{"text", "y"}); err != nil || !reflect.DeepEqual(img.Argv, []string{"/bin/sh", "/t/text", "y"}) || img.File != "/bin/sh" {
		t.Errorf("implicit set, text: %+v, %v", img, err)
	}
}

// TestRunProgramArgv0: a program run by its path gets that path as
// argv[0] and names its messages by its base name unless it takes the
// given name; its task is named for the file execve was given (a copy
// for its own name, a script for itself, cut to 15 bytes) and its
// cmdline is the kernel's argv, a script's interpreter ahead of it.
func TestRunProgramArgv0(t *testing.T) {
	task, set := execTask(t)
	type seen struct{ argv0, name, comm, cmdline string }
	var got seen
	record := func(c *applet.Cmd) int {
		got = seen{c.Argv0, c.Name, c.Task.Comm(), strings.ReplaceAll(string(c.Task.Cmdline()), "\x00", " ")}
		return 0
	}
	set.Register(record, "sh")
	set.Register(func(c *applet.Cmd) int { c.GivenName(); return record(c) }, "prog")
	executable(t, task, "/t/prog", string(applet.ProgramImage("prog")))
	executable(t, task, "/t/kitty", string(applet.ProgramImage("prog")))
	executable(t, task, "/t/a-script-with-a-long-name", "#!/t/sh -e\n")
	for _, c := range []struct {
		argv []string
		want seen
	}{
		{[]string{"/t/prog", "x"}, seen{"/t/prog", "/t/prog", "prog", "/t/prog x "}},
		{[]string{"/t/kitty"}, seen{"/t/kitty", "/t/kitty", "kitty", "/t/kitty "}},
		{[]string{"/t/a-script-with-a-long-name", "y"},
			seen{"/t/sh", "sh", "a-script-with-a", "/t/sh -e /t/a-script-with-a-long-name y "}},
	} {
		name, err := set.FindCommand(task, c.argv[0])
		if err != nil {
			t.Fatalf("FindCommand %s: %v", c.argv[0], err)
		}
		child := task.Clone(0)
		cmd := applet.New(context.Background(), set, child, "caller", nil, nil, nil, nil, nil)
		if code := cmd.RunProgram(child, name, c.argv, nil, nil); code != 0 || got != c.want {
			t.Errorf("run %q: status %d, %+v; want %+v", c.argv, code, got, c.want)
		}
		child.Exit()
	}
}

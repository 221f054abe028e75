// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
)

// TestKilledShellReportsNoExecError: a (sub)shell killed while it read
// a command's file (its reads then fail with EINTR) dies of the signal
// silently; it printed "Interrupted system call" once under load.
func TestKilledShellReportsNoExecError(t *testing.T) {
	tg := &sigTarget{dead: make(chan struct{})}
	tg.signo = linux.SIGTERM
	s := &shell{top: &proc{sig: tg}}
	var stderr bytes.Buffer
	hc := interp.HandlerContext{Stderr: &stderr}
	err := s.reportNotRun(context.Background(), hc, "/usr/bin/sleep", found{file: "/usr/bin/sleep"}, linux.EINTR)
	var status interp.ExitStatus
	if !errors.As(err, &status) || status != 128+linux.SIGTERM || stderr.Len() != 0 {
		t.Fatalf("reportNotRun of a killed shell = %v, printed %q; want status %d and nothing", err, stderr.String(), 128+linux.SIGTERM)
	}
}

// TestKilledJobReportsNothing: a job's program was found when the job
// started; a kill before the job execs it fails the second lookup, and
// the job dies of the signal without "not found" (seen under load in
// core/183).
func TestKilledJobReportsNothing(t *testing.T) {
	init := testkernel.Init(t, testkernel.New(t), "/bin")
	var stderr bytes.Buffer
	s, err := newShell(Config{Task: init, Stdout: io.Discard, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	defer release(init)
	s.top.sig.deliver(linux.SIGTERM)
	hc := interp.HandlerContext{Env: expand.ListEnviron("PATH=/bin"), Stderr: &stderr}
	err = s.runJobInPlace(context.Background(), hc, []string{"sleep", "100"})
	var status interp.ExitStatus
	if !errors.As(err, &status) || status != 128+linux.SIGTERM || stderr.Len() != 0 {
		t.Fatalf("a killed job's lookup = %v, printed %q; want status %d and nothing", err, stderr.String(), 128+linux.SIGTERM)
	}
}

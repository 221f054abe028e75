// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"mvdan.cc/sh/v3/interp"

	"github.com/linuxvfs/linuxvfs/abi/linux"
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

// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
)

// TestEvalsAtOnce runs evals in the parts of pipelines and in background
// jobs at the same time: their texts are rewritten while the others run
// and read the tables the rewritings add to (run it with -race).
func TestEvalsAtOnce(t *testing.T) {
	script := `
for i in 1 2 3 4 5 6 7 8; do
	eval "echo \$((i * $i)) \$i" | eval "read a b; echo \$((a + b))" &
	eval "x$i=\$(( $i + 1 ))" | cat
done
wait
eval 'echo $((6 * 7)) $HOME'
`
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errb strings.Builder
	code, err := shell.Run(ctx, shell.Config{Task: task, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Set: userland.Programs(), Personality: shell.Dash}, script)
	if err != nil || code != 0 || errb.Len() != 0 {
		t.Fatalf("Run = %d, %v; stderr %q", code, err, errb.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 9 || lines[8] != "42 /" {
		t.Fatalf("output %q: want 8 sums, then 42 /", out.String())
	}
	for _, l := range lines[:8] {
		// i*i + i for some i in 1..8
		ok := false
		for i := 1; i <= 8; i++ {
			ok = ok || l == strconv.Itoa(i*i+i)
		}
		if !ok {
			t.Errorf("line %q is no i*i+i", l)
		}
	}
}

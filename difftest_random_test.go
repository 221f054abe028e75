// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// TestDifferentialRandomMounts runs random sequences of mount operations
// (mkdir -p, mount -t tmpfs, --bind, --rbind, --move, --make-*, umount,
// umount -l and unshare -m blocks) over a few directories under /m, in the
// real kernel and in linuxvfs, and compares them like TestDifferentialMount
// (stdout normalized, stderr and exit status exact). Every operation is
// echoed with its exit status; mount tables are dumped mid-way and at the
// end.
//
// Environment:
//
//	LINUXVFS_RANDOM_N=200       how many seeds to try (default 200)
//	LINUXVFS_RANDOM_START=1     first seed (default 1); "random" picks one
//	LINUXVFS_SEED=1234          replay only this seed, printing its script
//	LINUXVFS_RANDOM_REPORT=3    how many mismatches to report in full
//	LINUXVFS_RANDOM_KERNEL_TWICE=1  also run every script twice in the
//	                            kernel and fail if the two runs differ
//	                            (checks the generator's determinism)
func TestDifferentialRandomMounts(t *testing.T) {
	seeds, err := randomSeeds()
	if err != nil {
		t.Fatal(err)
	}
	if ok, reason := kerneltest.Available(); !ok {
		t.Skip("real-kernel reference unavailable: " + reason)
	}
	if err := setupMountNormalizer(); err != nil {
		t.Fatal(err)
	}
	if len(seeds) == 1 {
		t.Logf("seed %d:\n%s", seeds[0], genRandomMountScript(seeds[0]))
	}
	runRandomDifferential(t, randomDiff{
		test:    "TestDifferentialRandomMounts",
		seedVar: "LINUXVFS_SEED",
		seeds:   seeds,
		gen:     genRandomMountScript,
		normalize: func(r kerneltest.Result, kernel bool) kerneltest.Result {
			return normalizeMounts(r, kernel)
		},
		twice:   os.Getenv("LINUXVFS_RANDOM_KERNEL_TWICE") != "",
		reports: envInt("LINUXVFS_RANDOM_REPORT", 3),
	})
}

// randomSeeds returns the seeds to try, from the environment.
func randomSeeds() ([]uint64, error) {
	if s := os.Getenv("LINUXVFS_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("LINUXVFS_SEED=%q: %v", s, err)
		}
		return []uint64{seed}, nil
	}
	n := envInt("LINUXVFS_RANDOM_N", 200)
	if n <= 0 {
		return nil, fmt.Errorf("LINUXVFS_RANDOM_N=%d", n)
	}
	var first uint64 = 1
	switch s := os.Getenv("LINUXVFS_RANDOM_START"); s {
	case "":
	case "random":
		first = rand.Uint64N(1 << 40)
	default:
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("LINUXVFS_RANDOM_START=%q: %v", s, err)
		}
		first = v
	}
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = first + uint64(i)
	}
	return seeds, nil
}

func envInt(name string, def int) int {
	if s := os.Getenv(name); s != "" {
		if v, err := strconv.Atoi(s); err == nil {
			return v
		}
	}
	return def
}

func seedList(seeds []uint64) string {
	const show = 50
	var parts []string
	for i, s := range seeds {
		if i == show {
			parts = append(parts, fmt.Sprintf("... (%d more)", len(seeds)-show))
			break
		}
		parts = append(parts, strconv.FormatUint(s, 10))
	}
	return strings.Join(parts, " ")
}

// randomDirs are the directories the generated operations act on. /m
// itself is included: it can be mounted on, made shared, bound elsewhere.
var randomDirs = []string{"/m", "/m/a", "/m/b", "/m/c", "/m/a/x", "/m/b/y", "/m/a/x/z"}

// mountGen generates one random script.
type mountGen struct {
	r       *rand.Rand
	b       strings.Builder
	tmpfs   int // tmpfs sources are named t1, t2, ... for readable tables
	rbinds  int // rbind and bind can multiply mounts; cap them
	binds   int
	unshare int
	// hot are the directories recently used as mount targets. Operations
	// that need a mount (umount, --make-*, the source of --move) pick from
	// them most of the time, or most of them would fail with EINVAL.
	hot []string
}

// genRandomMountScript returns the script for seed: a prelude that makes
// /m (usually a tmpfs) with the directories, 10 to 30 random operations,
// and a final mount table dump. It is a pure function of seed.
func genRandomMountScript(seed uint64) string {
	g := &mountGen{r: rand.New(rand.NewPCG(seed, 0x6c696e7578766673))}
	fmt.Fprintf(&g.b, "# random mount operations, seed %d\n", seed)
	g.b.WriteString("mkdir /m\n")
	if g.r.IntN(4) != 0 {
		g.b.WriteString("mount -t tmpfs m /m\n")
		if g.r.IntN(3) == 0 {
			g.b.WriteString("mount --make-shared /m\n")
		}
	}
	g.b.WriteString("mkdir -p /m/a/x/z /m/b/y /m/c\n")
	n := 10 + g.r.IntN(21)
	for i := range n {
		if i == n/2 && g.r.IntN(2) == 0 {
			g.dump("mountinfo")
		}
		g.op(false)
	}
	g.dump("final mountinfo")
	return g.b.String()
}

func (g *mountGen) dir() string { return randomDirs[g.r.IntN(len(randomDirs))] }

// mounted returns a directory that is probably a mount point.
func (g *mountGen) mounted() string {
	if len(g.hot) > 0 && g.r.IntN(10) < 7 {
		return g.hot[g.r.IntN(len(g.hot))]
	}
	return g.dir()
}

// unmounted forgets one use of d as a mount target.
func (g *mountGen) unmounted(d string) {
	for i, h := range g.hot {
		if h == d {
			g.hot = append(g.hot[:i], g.hot[i+1:]...)
			return
		}
	}
}

// target returns a random directory to mount on, and remembers it.
func (g *mountGen) target() string {
	d := g.dir()
	g.hot = append(g.hot, d)
	return d
}

// deep returns a random leaf of the directory tree (mkdir -p of a leaf
// recreates its parents when a mount has hidden them).
func (g *mountGen) deep() string {
	return []string{"/m/a/x/z", "/m/b/y", "/m/c"}[g.r.IntN(3)]
}

// emit writes one operation: its echo, the command and its exit status.
// Inside an unshare block the script is single-quoted for sh -c, so the
// operations must not contain single quotes (they do not).
func (g *mountGen) emit(cmd string) {
	fmt.Fprintf(&g.b, "echo \"$ %s\"\n%s; echo \"= $?\"\n", cmd, cmd)
}

func (g *mountGen) dump(label string) {
	fmt.Fprintf(&g.b, "echo \"== %s\"\ncat /proc/self/mountinfo\n", label)
}

// op emits one random operation. inner is true inside an unshare block,
// which cannot nest.
func (g *mountGen) op(inner bool) {
	for {
		switch k := g.r.IntN(100); {
		case k < 12:
			if g.r.IntN(2) == 0 {
				g.emit("mkdir -p /m/a/x/z /m/b/y /m/c")
			} else {
				g.emit("mkdir -p " + g.deep())
			}
		case k < 26:
			g.tmpfs++
			g.emit(fmt.Sprintf("mount -t tmpfs t%d %s", g.tmpfs, g.target()))
		case k < 37:
			if g.binds >= 8 {
				continue
			}
			g.binds++
			g.emit(fmt.Sprintf("mount --bind %s %s", g.dir(), g.target()))
		case k < 42:
			if g.rbinds >= 3 {
				continue
			}
			g.rbinds++
			g.emit(fmt.Sprintf("mount --rbind %s %s", g.dir(), g.target()))
		case k < 50:
			// -n: without /run, util-linux would fail to record the move in
			// /run/mount/utab and exit 16 (see 045-move-utab-quirk.sh).
			src := g.mounted()
			g.emit(fmt.Sprintf("mount -n --move %s %s", src, g.target()))
			g.unmounted(src)
		case k < 64:
			g.emit(fmt.Sprintf("mount --make-%s %s", []string{"shared", "private", "slave", "unbindable"}[g.r.IntN(4)], g.mounted()))
		case k < 70:
			g.emit(fmt.Sprintf("mount --make-r%s %s", []string{"shared", "private", "slave", "unbindable"}[g.r.IntN(4)], g.mounted()))
		case k < 81:
			d := g.mounted()
			g.emit("umount " + d)
			g.unmounted(d)
		case k < 86:
			d := g.mounted()
			g.emit("umount -l " + d)
			g.unmounted(d)
		case k < 92:
			if inner || g.unshare >= 2 {
				continue
			}
			g.unshare++
			prop := "unchanged"
			if p := g.r.IntN(10); p < 3 {
				prop = []string{"private", "slave", "shared"}[p]
			}
			head := "unshare -m --propagation " + prop + " sh -c"
			fmt.Fprintf(&g.b, "echo \"$ %s\"\n%s '\n", head, head)
			for range 1 + g.r.IntN(4) {
				g.op(true)
			}
			g.dump("mountinfo inside unshare")
			g.b.WriteString("'; echo \"= $?\"\n")
		default:
			if inner {
				continue
			}
			g.dump("mountinfo")
		}
		return
	}
}

// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// TestDifferentialRandomFiles runs random sequences of file operations
// (mkdir, rmdir, touch, redirections, cat, rm, mv, cp, ln, readlink, chmod,
// chown, mknod, truncate, ls, stat, test, cd, pwd) over a small universe of
// names under /t, in the real kernel and in linuxvfs, and requires
// identical stdout, stderr and exit status. Paths are decorated with
// trailing slashes, "." and ".." components, doubled slashes, detours
// through symlinks and paths relative to the working directory, since
// that is where path walks go wrong. Every operation is echoed ("$ op"),
// run with its standard error captured, and followed by its exit status
// ("= n") and what it wrote on standard error; the script ends with
// `ls -aR /t` and a stat of every name it lists.
//
// Environment:
//
//	LINUXVFS_FILES_N=150        how many seeds to try (default 150; while
//	                            randomFilesOptIn is set the test only runs
//	                            when this or LINUXVFS_FILES_SEED is given)
//	LINUXVFS_FILES_START=1      first seed (default 1); "random" picks one
//	LINUXVFS_FILES_SEED=1234    replay only this seed, printing its script
//	LINUXVFS_FILES_REPORT=3     how many mismatches to report in full
//	LINUXVFS_FILES_KERNEL_TWICE=1  also run every script twice in the
//	                            kernel and fail if the two runs differ
//	                            (checks the generator's determinism)
//
// randomFilesOptIn keeps the test out of default runs while coreutils
// emulation gaps it finds are still open (see the issue notes).
const randomFilesOptIn = false

func TestDifferentialRandomFiles(t *testing.T) {
	if randomFilesOptIn && os.Getenv("LINUXVFS_FILES_N") == "" && os.Getenv("LINUXVFS_FILES_SEED") == "" {
		t.Skip("opt-in until the applet mismatches it found are fixed: set LINUXVFS_FILES_N=150")
	}
	seeds, err := envSeeds("LINUXVFS_FILES_SEED", "LINUXVFS_FILES_N", "LINUXVFS_FILES_START", 150)
	if err != nil {
		t.Fatal(err)
	}
	if ok, reason := kerneltest.Available(); !ok {
		t.Skip("real-kernel reference unavailable: " + reason)
	}
	if len(seeds) == 1 {
		t.Logf("seed %d:\n%s", seeds[0], genRandomFilesScript(seeds[0]))
	}
	runRandomDifferential(t, randomDiff{
		test:    "TestDifferentialRandomFiles",
		seedVar: "LINUXVFS_FILES_SEED",
		seeds:   seeds,
		gen:     genRandomFilesScript,
		twice:   os.Getenv("LINUXVFS_FILES_KERNEL_TWICE") != "",
		reports: envInt("LINUXVFS_FILES_REPORT", 3),
	})
}

// envSeeds returns the seeds to try: only the one in seedVar if it is set,
// else count (from nVar, default def) consecutive seeds from startVar's
// (default 1, "random" for a random one).
func envSeeds(seedVar, nVar, startVar string, def int) ([]uint64, error) {
	if s := os.Getenv(seedVar); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s=%q: %v", seedVar, s, err)
		}
		return []uint64{seed}, nil
	}
	n := envInt(nVar, def)
	if n <= 0 {
		return nil, fmt.Errorf("%s=%d", nVar, n)
	}
	var first uint64 = 1
	switch s := os.Getenv(startVar); s {
	case "":
	case "random":
		first = rand.Uint64N(1 << 40)
	default:
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s=%q: %v", startVar, s, err)
		}
		first = v
	}
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = first + uint64(i)
	}
	return seeds, nil
}

// The universe of names, relative to /t, that the operations act on.
// Some are meant as files, some as directories, some as symlinks, but any
// operation may get any name: a file where a directory is expected is as
// interesting as the reverse. Names under l and m reach into whatever those
// symlinks point to (usually d).
var (
	filesPlain = []string{"a", "b", "c"}
	filesDirs  = []string{"d", "d/x", "d/y", "d/y/z", "e"}
	filesLinks = []string{"l", "m", "d/l"}
	filesOther = []string{"p", "d/a", "d/b", "d/p", "e/d", "e/x", "d/x/a", "l/x", "l/y", "l/a", "m/a", "l/y/z", "d/l/z"}
)

// Symlink targets: relative ones (resolved from the link's directory) and
// absolute ones, some of them dangling, some loops, some with a trailing
// slash.
//
// No target resolves to /t itself or above it, wherever the link is
// (links move): ".", ".." and "/t" are not among them, and from a link
// in /t the targets "../a", "../d", "../l" and "../d/y" dangle (the
// sandbox has no /a, /d or /l, and none can be made but as a regular file
// through a dangling link). So X/.. is never /, and nothing the script does
// reaches outside /t: a chmod -R or a cp -r of / would reach the host's
// /proc entries and /usr.
var (
	filesRelTargets = []string{"d", "a", "b", "x", "y", "y/z", "nope", "l", "m", "../a", "../d", "d/", "a/", "d/y/z", "d/../a", "./d", "../l", "../d/y"}
	filesAbsTargets = []string{"/t/d", "/t/a", "/t/d/y", "/t/nope", "/t/l", "/t/m", "/t/d/x/", "/t/e", "/t/d/y/z", "/t/d/l", "/t/p"}
)

var (
	filesModes  = []string{"644", "755", "700", "000", "4755", "2755", "1777", "600", "0", "511", "u+x", "go-w", "a=r", "+t", "u=rwx,g=rx,o=", "g+s", "o-rwx", "a+X", "u-w", "=", "u+s,g+s", "g=u"}
	filesOwners = []string{"1000:1000", "0:0", "123", ":45", "7:", "65534:65534", "0", "1:2"}
	filesSizes  = []string{"0", "1", "5", "100", "4096", "+3", "-1", "%8", "1K"}
)

// statFormat is what the script prints of a file: no times, inode or
// device numbers.
const statFormat = `'%n %F %a %h %s %u %g'`

// filesGen generates one random script.
type filesGen struct {
	r *rand.Rand
	b strings.Builder
	// cwd is where the script probably is: cd may have failed, gone
	// through a symlink or to a directory since renamed. Relative paths
	// are made only for names under it, going down from it, so that
	// wherever the script really is (always under /t, see cd) they stay
	// under /t.
	cwd string
	// fifo is set once a FIFO may exist: from then on, operations that
	// open a file (cat, redirections, cp) check first that it is no FIFO,
	// since opening one would block forever, and cp -r copies only to new
	// names (it would open a FIFO in an existing destination tree).
	fifo bool
	// canon is set in scripts that canonicalize names (readlink -f, -e,
	// -m, realpath): they make only symlinks whose targets cannot
	// lengthen a cycle of symlinks (see extending).
	canon bool
	fresh int // n1, n2, ...: names no other operation uses
	words int // w1, w2, ...: the text written to files
}

// genRandomFilesScript returns the script for seed: a prelude that makes
// /t, goes there and usually makes part of the tree, 20 to 40 random
// operations, and a final listing. It is a pure function of seed.
func genRandomFilesScript(seed uint64) string {
	g := &filesGen{r: rand.New(rand.NewPCG(seed, 0x66696c6573766673)), cwd: "/t"}
	fmt.Fprintf(&g.b, "# random file operations, seed %d\n", seed)
	g.canon = g.chance(50)
	g.b.WriteString("mkdir /t && cd /t\n")
	if g.chance(70) {
		g.emit("mkdir -p /t/d/x /t/d/y/z /t/e", "")
	}
	if g.chance(70) {
		g.emit("echo hello > /t/a", "")
	}
	if g.chance(50) {
		g.emit("ln -s "+g.target()+" /t/l", "")
	}
	n := 20 + g.r.IntN(21)
	for range n {
		g.op()
	}
	g.b.WriteString(`echo "== ls -aR /t"` + "\n")
	g.b.WriteString(`ls -aR /t; echo "= $?"` + "\n")
	g.b.WriteString(`echo "== stat"` + "\n")
	// Every name ls lists, found by the shell: "dir:" headers set the
	// directory, other words are its entries (no name has a space or a
	// colon).
	g.b.WriteString(`f=/t; for w in $(ls -aR /t); do case $w in *:) d=${w%:};; .|..) ;; *) f="$f $d/$w";; esac; done` + "\n")
	g.b.WriteString("stat -c " + statFormat + ` $f; echo "= $?"` + "\n")
	return g.b.String()
}

func (g *filesGen) chance(percent int) bool { return g.r.IntN(100) < percent }

func pick[T any](g *filesGen, s []T) T { return s[g.r.IntN(len(s))] }

// emit writes one operation on a line: its echo, the operation with its
// standard error captured, its exit status and the captured errors. If
// guard is not empty, it is a test that skips the operation when true.
// Operations must not contain double quotes, $ or backslashes (they are
// echoed inside double quotes).
func (g *filesGen) emit(op, guard string) {
	body := op
	if guard != "" {
		body = fmt.Sprintf("if %s; then echo skipped; else %s; fi", guard, op)
	}
	fmt.Fprintf(&g.b, "echo \"$ %s\"; { %s; } 2>/tmp/e; echo \"= $?\"; [ -s /tmp/e ] && cat /tmp/e\n", op, body)
}

// name returns a random name of the universe, relative to /t.
func (g *filesGen) name() string {
	switch k := g.r.IntN(100); {
	case k < 30:
		return pick(g, filesPlain)
	case k < 60:
		return pick(g, filesDirs)
	case k < 75:
		return pick(g, filesLinks)
	default:
		return pick(g, filesOther)
	}
}

// dirName returns a name that is probably a directory.
func (g *filesGen) dirName() string {
	if g.chance(75) {
		return pick(g, filesDirs)
	}
	return g.name()
}

// path returns a random name of the universe as a decorated path.
func (g *filesGen) path() string { return g.decorate(g.name()) }

// dirPath returns a decorated path that is probably a directory.
func (g *filesGen) dirPath() string { return g.decorate(g.dirName()) }

// decorate turns a name relative to /t into a path to it: absolute or
// relative to the working directory, sometimes through a symlink, with
// "." or ".." components, doubled slashes or a trailing slash.
func (g *filesGen) decorate(name string) string {
	comps := strings.Split(name, "/")
	// Go through a symlink that usually points to d.
	if comps[0] == "d" && len(comps) > 1 && g.chance(15) {
		comps[0] = pick(g, []string{"l", "m"})
	}
	// A detour: "x/.." or "." inserted before some component.
	if g.chance(12) {
		i := g.r.IntN(len(comps))
		detour := pick(g, []string{".", "d/..", "a/..", "e/..", "nope/..", "l/.."})
		if i > 0 {
			detour = pick(g, []string{".", "x/..", "y/..", "a/..", "l/.."})
		}
		comps = append(comps[:i], append(strings.Split(detour, "/"), comps[i:]...)...)
	}
	var p string
	switch {
	case g.chance(25) && g.below(comps):
		p = strings.Join(comps[len(g.cwdComps()):], "/")
		if p == "" {
			p = "."
		} else if g.chance(10) {
			p = "./" + p
		}
	case g.chance(5):
		p = "/t//" + strings.Join(comps, "/")
	default:
		p = "/t/" + strings.Join(comps, "/")
	}
	switch k := g.r.IntN(100); {
	case k < 18:
		p += "/"
	case k < 21:
		p += "/."
	case k < 23:
		p += "//"
	case k < 25 && p != ".":
		// Not "./..": the script may be in /t when it thinks it is
		// deeper, and every ".." has to follow a name.
		p += "/.."
	}
	return p
}

// cwdComps returns the components of the working directory under /t.
func (g *filesGen) cwdComps() []string {
	if g.cwd == "/t" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(g.cwd, "/t/"), "/")
}

// below reports whether the path /t/comps... names, as text, something
// under the working directory the script probably has, without going
// above it: then it can be given relative to it.
func (g *filesGen) below(comps []string) bool {
	cc := g.cwdComps()
	if len(comps) < len(cc) {
		return false
	}
	for i, c := range cc {
		if comps[i] != c {
			return false
		}
	}
	return len(comps) == len(cc) || comps[len(cc)] != ".."
}

// target returns a symlink target.
func (g *filesGen) target() string {
	for {
		t := pick(g, filesAbsTargets)
		if g.chance(55) {
			t = pick(g, filesRelTargets)
		}
		if !g.canon || !extending(t) {
			return t
		}
	}
}

// extending reports whether a symlink target could lengthen the rest of
// the name being resolved on every turn of a cycle of symlinks: whether
// something follows its first component that could be a symlink (its
// leading "/t/", "./" and "../" cannot), a trailing slash included. The
// canonicalization of coreutils 9.1 (readlink -f, -e, -m, realpath)
// never ends on such cycles (e.g. ln -s d/ d; readlink -f d), where the
// kernel fails with ELOOP.
func extending(target string) bool {
	t := strings.TrimPrefix(target, "/t/")
	for strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
		t = t[strings.Index(t, "/")+1:]
	}
	return strings.Contains(t, "/")
}

// word returns new text for a file.
func (g *filesGen) word() string {
	g.words++
	return "w" + strconv.Itoa(g.words)
}

// freshPath returns a path no other operation names, in /t or /t/d.
func (g *filesGen) freshPath() string {
	g.fresh++
	return pick(g, []string{"/t/", "/t/d/"}) + "n" + strconv.Itoa(g.fresh)
}

// noFifo returns a guard that is true if any of paths is a FIFO (or a
// symlink to one), or "" if no FIFO can exist yet.
func (g *filesGen) noFifo(paths ...string) string {
	if !g.fifo {
		return ""
	}
	var tests []string
	for _, p := range paths {
		tests = append(tests, "[ -p "+p+" ]")
	}
	return strings.Join(tests, " || ")
}

// filesBase returns the last component of p as cp and ln use it to name a
// file copied into a directory: trailing slashes ignored.
func filesBase(p string) string {
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndex(p, "/"); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// op emits one random operation.
func (g *filesGen) op() {
	switch k := g.r.IntN(134); {
	case k < 8:
		g.emit("mkdir "+g.dirPath(), "")
	case k < 13:
		if g.chance(25) {
			g.emit("mkdir -p "+g.dirPath()+" "+g.dirPath(), "")
		} else {
			g.emit("mkdir -p "+g.dirPath(), "")
		}
	case k < 17:
		if g.chance(15) {
			g.rmdirP()
		} else {
			g.emit("rmdir "+g.dirPath(), "")
		}
	case k < 23:
		g.emit("touch "+g.path(), "")
	case k < 30:
		p := g.path()
		g.emit("echo "+g.word()+" > "+p, g.noFifo(p))
	case k < 34:
		p := g.path()
		g.emit("echo "+g.word()+" >> "+p, g.noFifo(p))
	case k < 39:
		p := g.path()
		g.emit("cat "+p, g.noFifo(p))
	case k < 43:
		g.emit("rm "+g.path(), "")
	case k < 46:
		opt := pick(g, []string{"-r", "-r", "-rf", "-R", "-d"})
		g.emit("rm "+opt+" "+g.path(), "")
	case k < 48:
		g.emit("rm -f "+g.path(), "")
	case k < 55:
		src, dst := g.path(), g.moveDest()
		g.emit("mv "+src+" "+dst, "")
	case k < 57:
		g.emit("mv -T "+g.path()+" "+g.moveDest(), "")
	case k < 62:
		src, dst := g.path(), g.moveDest()
		opt := ""
		if g.chance(15) {
			opt = "-p "
		}
		guard := g.noFifo(src, dst)
		if b := filesBase(src); b != "." && b != ".." {
			guard = g.noFifo(src, dst, strings.TrimRight(dst, "/")+"/"+b)
		}
		g.emit("cp "+opt+src+" "+dst, guard)
	case k < 66:
		opt := pick(g, []string{"-r", "-r", "-R", "-a"})
		src := g.path()
		dst := g.moveDest()
		if g.fifo {
			dst = g.freshPath()
		}
		g.emit("cp "+opt+" "+src+" "+dst, "")
	case k < 70:
		g.emit("ln "+g.path()+" "+g.moveDest(), "")
	case k < 77:
		ln := pick(g, filesLinks)
		if g.chance(20) {
			ln = g.name()
		}
		dst := g.decorate(ln)
		if g.chance(50) {
			dst = "/t/" + ln
		}
		g.emit("ln -s "+g.target()+" "+dst, "")
	case k < 79:
		ln := pick(g, filesLinks)
		opt := pick(g, []string{"-sf", "-sfn", "-sn"})
		g.emit("ln "+opt+" "+g.target()+" /t/"+ln, "")
	case k < 82:
		g.emit("readlink "+g.linkPath(), "")
	case k < 86:
		if !g.canon {
			g.emit("readlink "+g.linkPath(), "")
			break
		}
		opt := pick(g, []string{"-f", "-f", "-f", "-e", "-m"})
		if g.chance(15) {
			g.emit("realpath "+g.linkPath(), "")
		} else {
			g.emit("readlink "+opt+" "+g.linkPath(), "")
		}
	case k < 90:
		opt := ""
		if g.chance(10) {
			opt = "-R "
		}
		g.emit("chmod "+opt+pick(g, filesModes)+" "+g.path(), "")
	case k < 93:
		opt := ""
		switch {
		case g.chance(25):
			opt = "-h "
		case g.chance(10):
			opt = "-R "
		}
		g.emit("chown "+opt+pick(g, filesOwners)+" "+g.path(), "")
	case k < 95:
		p := g.path()
		if g.chance(50) {
			p = g.decorate(pick(g, []string{"p", "d/p"}))
		}
		g.emit("mknod "+p+" p", "")
		g.fifo = true
	case k < 98:
		g.emit("truncate -s "+pick(g, filesSizes)+" "+g.path(), "")
	case k < 102:
		opt := pick(g, []string{"-a", "-a", "-a", "-1 -R", "-1 -R", "-d", "-aF", "-A"})
		g.emit("ls "+opt+" "+g.dirPath(), "")
	case k < 107:
		opt := ""
		if g.chance(20) {
			opt = "-L "
		}
		g.emit("stat "+opt+"-c "+statFormat+" "+g.path(), "")
	case k < 112:
		op := pick(g, []string{"-e", "-e", "-f", "-d", "-d", "-L", "-h", "-p", "-s", "-x"})
		p := g.path()
		if g.chance(30) {
			g.emit("[ "+op+" "+p+" ]", "")
		} else {
			g.emit("test "+op+" "+p, "")
		}
	case k < 119:
		g.cd()
	case k < 121:
		g.emit(pick(g, []string{"pwd", "pwd", "pwd -P"}), "")
	default:
		// Special operands: ".", "..", the directory itself.
		g.special()
	}
}

// moveDest returns the destination of mv, cp or ln: usually a directory
// or a new or existing name, sometimes with a trailing slash.
func (g *filesGen) moveDest() string {
	if g.chance(40) {
		return g.dirPath()
	}
	return g.path()
}

// linkPath returns a path that is probably a symlink.
func (g *filesGen) linkPath() string {
	if g.chance(60) {
		return g.decorate(pick(g, filesLinks))
	}
	return g.path()
}

// cd emits a cd to a directory that is probably there, and remembers the
// logical directory it would lead to. Only "cd .." can leave /t (from /t);
// a hidden line then brings the script back, so that it is always under
// /t and relative paths stay there.
func (g *filesGen) cd() {
	var p string
	switch k := g.r.IntN(10); {
	case k < 2:
		p = ".."
	case k < 3:
		p = pick(g, []string{"/t", "/t/", "/t/l", "/t/d/..", "/t/l/..", "/t/l/y"})
	default:
		p = g.dirPath()
	}
	abs := p
	if !strings.HasPrefix(p, "/") {
		abs = g.cwd + "/" + p
	}
	abs = path.Clean(abs)
	if abs != "/t" && !strings.HasPrefix(abs, "/t/") {
		abs = "/t"
	}
	opt := ""
	if g.chance(10) {
		opt = "-P "
	}
	g.emit("cd "+opt+p, "")
	if p == ".." {
		g.b.WriteString("case $PWD in /t|/t/*) ;; *) cd /t;; esac\n")
	}
	g.cwd = abs
}

// rmdirP emits an rmdir -p of a path relative to the working directory
// (rmdir -p of an absolute path could remove /t), or a plain rmdir if no
// directory of the universe is below it.
func (g *filesGen) rmdirP() {
	var cands []string
	for _, d := range filesDirs {
		if comps := strings.Split(d, "/"); len(comps) > len(g.cwdComps()) && g.below(comps) {
			cands = append(cands, strings.Join(comps[len(g.cwdComps()):], "/"))
		}
	}
	if len(cands) == 0 {
		g.emit("rmdir "+g.dirPath(), "")
		return
	}
	p := pick(g, cands)
	if g.chance(20) {
		p += "/"
	}
	g.emit("rmdir -p "+p, "")
}

// special emits an operation on ".", or a directory named through "." or "..",
// which the tools refuse or the kernel rejects in their own ways.
func (g *filesGen) special() {
	dot := pick(g, []string{".", "./", "/t/d/.", "/t/d/..", "/t/.", "/t/l/.", "/t/l/..", "/t/d/x/..", "/t/d/./", "x/..", "./."})
	switch g.r.IntN(9) {
	case 0:
		g.emit("rmdir "+dot, "")
	case 1:
		g.emit("rm -r "+dot, "")
	case 2:
		g.emit("mv "+dot+" "+g.path(), "")
	case 3:
		g.emit("mv "+g.path()+" "+dot, "")
	case 4:
		g.emit("mkdir "+dot, "")
	case 5:
		if g.fifo {
			g.emit("cp -r "+dot+" "+g.freshPath(), "")
		} else {
			g.emit("cp -r "+dot+" "+g.dirPath(), "")
		}
	case 6:
		g.emit("ln -s "+g.target()+" "+dot, "")
	case 7:
		g.emit("ls -a "+dot, "")
	default:
		g.emit("stat -c "+statFormat+" "+dot, "")
	}
}

// TestRandomFilesGenerator checks, without the kernel, what
// TestDifferentialRandomFiles relies on: a seed always gives the same
// script, and no operand can name / or anything above /t (see
// filesRelTargets), which a chmod -R or cp -r would turn into a disaster
// for the kernel side.
func TestRandomFilesGenerator(t *testing.T) {
	for seed := uint64(1); seed <= 3000; seed++ {
		script := genRandomFilesScript(seed)
		if again := genRandomFilesScript(seed); again != script {
			t.Fatalf("seed %d: two different scripts", seed)
		}
		for _, line := range strings.Split(script, "\n") {
			op, ok := strings.CutPrefix(line, `echo "$ `)
			if !ok {
				continue
			}
			op, _, _ = strings.Cut(op, `"; {`)
			if err := checkFilesOperands(op); err != nil {
				t.Fatalf("seed %d: %q: %v\n%s", seed, op, err, script)
			}
		}
	}
}

// checkFilesOperands checks the operands of one generated operation: read
// as text from a directory under /t, none may climb above the directory it
// starts from (/t for absolute names), except a symlink's target and the
// ".." of cd, which the script follows with a cd /t if it left /t.
func checkFilesOperands(op string) error {
	words := strings.Fields(op)
	if words[0] == "cd" && words[len(words)-1] == ".." {
		return nil
	}
	if words[0] == "stat" { // the format is quoted and has spaces
		words = append(words[:1], words[len(words)-1])
	}
	symlink := words[0] == "ln" && len(words) > 1 && strings.HasPrefix(words[1], "-") && strings.Contains(words[1], "s")
	operands := 0
	for _, w := range words[1:] {
		switch {
		case w == ">" || w == ">>" || w == "]" || strings.HasPrefix(w, "-") && operands == 0 && w != "-":
			continue
		case words[0] == "echo" && strings.HasPrefix(w, "w") || words[0] == "echo" && w == "hello",
			words[0] == "chmod" && operands == 0, words[0] == "chown" && operands == 0,
			words[0] == "truncate" && operands == 0, words[0] == "mknod" && w == "p":
			operands++
			continue
		}
		operands++
		if symlink && operands == 1 {
			continue
		}
		p, depth := w, 0
		if strings.HasPrefix(p, "/") {
			rest, ok := strings.CutPrefix(strings.TrimLeft(p, "/"), "t")
			if !ok || rest != "" && rest[0] != '/' {
				return fmt.Errorf("%q is not under /t", w)
			}
			p = rest
		}
		for _, c := range strings.Split(p, "/") {
			switch c {
			case "", ".":
			case "..":
				if depth--; depth < 0 {
					return fmt.Errorf("%q climbs above where it starts", w)
				}
			default:
				depth++
			}
		}
	}
	return nil
}

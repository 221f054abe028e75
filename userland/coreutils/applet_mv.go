// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mover is one mv command: the program and its settings.
type mover struct {
	*cmd
	*mvOpts
}

// mvOpts are mv's parsed options.
type mvOpts struct {
	noClobber, verbose bool
	ask                bool // -i; -f, -i and -n: the last wins
	update             bool // -u: leave a destination not older than its source
	backup             backupKind
	suffix             string
	// backupName is the backup made of the file being replaced, for -v.
	backupName string
	// created is what the command has moved or copied into place so far.
	created justCreated
}

// targetOpts are the -t/-T options of mv, cp and ln.
type targetOpts struct {
	dir   string
	noDir bool
}

// addTargetFlags declares -t DIR and -T.
func addTargetFlags(fs *applet.FlagSet, t *targetOpts) {
	fs.StringVarP(&t.dir, "target-directory", "t", "", "move every SOURCE into DIRECTORY")
	fs.BoolVarP(&t.noDir, "no-target-directory", "T", false, "treat DEST as a plain name, even if it is a directory")
}

// mvApplet is mv(1) within one kernel: renameat2 with the diagnostics
// coreutils' copy_internal gives in move mode.
func mvApplet(cmd *cmd) int {
	c := &mover{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY\n  or:  mv [OPTION]... -t DIRECTORY SOURCE..."
	fs.About = `Give SOURCE the new name DEST, or put every SOURCE in DIRECTORY; a file
on another filesystem is copied and the original removed.`
	o := mvOpts{created: justCreated{}}
	c.mvOpts = &o
	var tg targetOpts
	var backups backupArgs
	addBackupFlags(fs, &backups)
	// -f, -i and -n undo each other: the last one given decides.
	fs.Func("force", "f", "never ask before overwriting", func() { o.noClobber, o.ask = false, false })
	fs.Func("interactive", "i", "ask before overwriting", func() { o.noClobber, o.ask = false, true })
	fs.Func("no-clobber", "n", "skip a destination that exists already", func() { o.noClobber, o.ask = true, false })
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "name each file as it is moved")
	fs.BoolVarP(&o.update, "update", "u", false, "move only over a destination older than its source, or none")
	addTargetFlags(fs, &tg)
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	srcs, dir, dst, code := c.targets(ops, &tg)
	if code >= 0 {
		return code
	}
	if backups.make && o.noClobber {
		return c.Usage("options --backup and --no-clobber are mutually exclusive")
	}
	if o.backup, o.suffix, ok = backups.settle(c.cmd); !ok {
		return 1
	}
	if dir == "" {
		if !c.moveFirst(srcs[0], dst, tg.noDir) {
			return 1
		}
		return 0
	}
	status := 0
	for _, src := range srcs {
		d := fileNameConcat(dir, strings.TrimRight(lastComponent(src), "/"))
		if !c.moveOne(src, d, nil) {
			status = 1
		}
	}
	return status
}

// targets sorts operands into sources and either a target directory or a
// single destination, like coreutils' mv/cp/ln main; code >= 0 means
// stop with that status.
func (c *cmd) targets(ops []string, tg *targetOpts) (srcs []string, dir, dst string, code int) {
	switch {
	case tg.dir != "":
		if st, err := c.Task.Stat(tg.dir); err != nil || !applet.IsDir(uint32(st.Mode)) {
			c.Errorf("target directory %s: %s", c.Quote(tg.dir), applet.ErrText(notDirErr(err)))
			return nil, "", "", 1
		}
		if len(ops) == 0 {
			return nil, "", "", c.missingFileOperand()
		}
		return ops, tg.dir, "", -1
	case len(ops) == 0:
		return nil, "", "", c.missingFileOperand()
	case len(ops) == 1:
		// An empty operand is an operand too: "after ''".
		c.Errorf("missing destination file operand after %s", c.QuoteArg(ops[0]))
		c.TryHelp()
		return nil, "", "", 1
	case tg.noDir:
		if len(ops) > 2 {
			return nil, "", "", c.ExtraOperand(ops[2])
		}
		return ops[:1], "", ops[1], -1
	}
	last := ops[len(ops)-1]
	st, err := c.Task.Stat(last)
	if err == nil && applet.IsDir(uint32(st.Mode)) {
		return ops[:len(ops)-1], last, "", -1
	}
	if len(ops) > 2 {
		c.Errorf("target %s: %s", c.Quote(last), applet.ErrText(notDirErr(err)))
		return nil, "", "", 1
	}
	return ops[:1], "", last, -1
}

// notDirErr is err, or ENOTDIR when the stat worked but found no directory.
func notDirErr(err error) error {
	if err == nil {
		return linux.ENOTDIR
	}
	return err
}

func (c *cmd) missingFileOperand() int {
	c.Errorf("missing file operand")
	c.TryHelp()
	return 1
}

// moveFirst is mv's two-operand case: coreutils 9 tries the rename before
// deciding whether DEST is a directory to move into (unless -T).
func (c *mover) moveFirst(src, dst string, noDir bool) bool {
	err := c.Task.Renameat2(applet.AtCWD, src, applet.AtCWD, dst, linux.RENAME_NOREPLACE)
	if err == nil {
		c.announce(src, dst)
		return true
	}
	if st, serr := c.Task.Stat(dst); !noDir && serr == nil && applet.IsDir(uint32(st.Mode)) {
		return c.moveOne(src, fileNameConcat(dst, strings.TrimRight(lastComponent(src), "/")), nil)
	}
	return c.moveOne(src, dst, err)
}

// moveOne moves src to dst. tried is the error of a RENAME_NOREPLACE
// attempt already made, nil if none was.
func (c *mover) moveOne(src, dst string, tried error) bool {
	o := c.mvOpts
	err := tried
	if err == nil {
		if err = c.Task.Renameat2(applet.AtCWD, src, applet.AtCWD, dst, linux.RENAME_NOREPLACE); err == nil {
			c.announce(src, dst)
			return true
		}
	}
	if errors.Is(err, linux.EEXIST) && o.noClobber {
		return true
	}
	sst, serr := c.Task.Lstat(src)
	if serr != nil {
		c.Errorf("cannot stat %s: %s", c.Quote(src), applet.ErrText(serr))
		return false
	}
	dst0, derr := c.Task.Lstat(dst)
	switch {
	case derr == nil && o.noClobber:
		return true // across filesystems rename could not say EEXIST
	case derr == nil && o.update && !applet.IsDir(uint32(sst.Mode)) && !olderThan(&dst0, &sst):
		return true
	case derr == nil && o.ask && !c.Ask("overwrite %s? ", c.Quote(dst)):
		return true
	case derr == nil && !applet.IsDir(uint32(dst0.Mode)) && o.created.refuses(c.cmd, src, dst):
		return false
	case derr == nil:
		if !c.mayReplace(src, dst, &sst, &dst0) {
			return false
		}
		if o.backup != noBackups {
			return c.moveOverBackup(src, dst)
		}
		err = c.Task.Renameat2(applet.AtCWD, src, applet.AtCWD, dst, 0)
	case !errors.Is(derr, linux.ENOENT):
		c.Errorf("cannot stat %s: %s", c.Quote(dst), applet.ErrText(derr))
		return false
	case errors.Is(err, linux.EEXIST):
		// The name exists (a dangling symlink followed by a slash) but
		// cannot be looked up: coreutils goes on with a zeroed stat of
		// the destination, a non-directory.
		if applet.IsDir(uint32(sst.Mode)) {
			c.Errorf("cannot overwrite non-directory %s with directory %s", c.Quote(dst), c.Quote(src))
			return false
		}
		err = c.Task.Renameat2(applet.AtCWD, src, applet.AtCWD, dst, 0)
	}
	return c.moveResult(src, dst, err)
}

// moveOverBackup moves src to dst after moving dst aside as its backup;
// when the move fails, the backup gets its name back.
func (c *mover) moveOverBackup(src, dst string) bool {
	o := c.mvOpts
	name, err := c.backupAside(dst, o.backup, o.suffix)
	if err != nil {
		return false
	}
	o.backupName = name
	defer func() { o.backupName = "" }()
	err = c.Task.Renameat2(applet.AtCWD, src, applet.AtCWD, dst, 0)
	if c.moveResult(src, dst, err) {
		return true
	}
	if name != "" {
		if rerr := c.Task.Renameat2(applet.AtCWD, name, applet.AtCWD, dst, 0); rerr != nil {
			c.Errorf("cannot un-backup %s: %s", c.Quote(dst), applet.ErrText(rerr))
		}
	}
	return false
}

// mayReplace applies copy_internal's checks before a move replaces an
// existing destination.
func (c *mover) mayReplace(src, dst string, s, d *vfs.Statx) bool {
	sdir, ddir := applet.IsDir(uint32(s.Mode)), applet.IsDir(uint32(d.Mode))
	switch {
	case !c.sameFileOK(src, dst, s, d, true, true):
		c.Errorf("%s and %s are the same file", c.Quote(src), c.Quote(dst))
	case sdir && !ddir:
		c.Errorf("cannot overwrite non-directory %s with directory %s", c.Quote(dst), c.Quote(src))
	case !sdir && ddir:
		c.Errorf("cannot overwrite directory %s with non-directory", c.Quote(dst))
	default:
		return true
	}
	return false
}

// moveResult reports the outcome of the final rename, or copies when the
// rename cannot cross filesystems.
func (c *mover) moveResult(src, dst string, err error) bool {
	switch {
	case err == nil:
		c.announce(src, dst)
		return true
	case errors.Is(err, linux.EXDEV):
		return c.moveAcross(src, dst)
	case errors.Is(err, linux.EINVAL):
		c.Errorf("cannot move %s to a subdirectory of itself, %s", c.Quote(src), c.Quote(dst))
	default:
		c.Errorf("cannot move %s to %s: %s", c.Quote(src), c.Quote(dst), applet.ErrText(err))
	}
	return false
}

// moveAcross moves src to another filesystem: whatever dst names is
// removed first (an empty directory included), then src is copied as
// cp -a would and removed as rm -rf would.
func (c *mover) moveAcross(src, dst string) bool {
	o := c.mvOpts
	if !c.clearTarget(src, dst) {
		return false
	}
	cp := &copier{c: c.cmd, o: &cpOpts{
		recursive: true, deref: derefNever, keepMode: true, keepOwner: true, keepTimes: true, links: true, sparse: "auto",
		verbose: o.verbose, moving: true,
	}, topSrc: src, topDst: dst, copied: map[devIno]string{}, backupName: o.backupName}
	if !cp.copy(src, dst, true) {
		return false
	}
	o.created.record(c.Task, dst)
	rm := &remover{cmd: c.cmd, rmOpts: &rmOpts{force: true, recursive: true, verbose: o.verbose}}
	return rm.removeOne(src) == rmDone
}

// clearTarget removes what dst names before a copy replaces it: like
// copy.c, it calls rmdir when src is a directory and unlink otherwise,
// whether or not dst exists (on a read-only mount that fails with EROFS
// even for a missing name), and only ENOENT is no failure.
func (c *mover) clearTarget(src, dst string) bool {
	flags := 0
	if st, err := c.Task.Lstat(src); err == nil && applet.IsDir(uint32(st.Mode)) {
		flags = linux.AT_REMOVEDIR
	}
	err := c.Task.Unlinkat(applet.AtCWD, dst, flags)
	if err != nil && !errors.Is(err, linux.ENOENT) {
		c.Errorf("inter-device move failed: %s to %s; unable to remove target: %s", c.Quote(src), c.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

func (c *mover) announce(src, dst string) {
	o := c.mvOpts
	o.created.record(c.Task, dst)
	if o.verbose {
		c.Out.WriteString("renamed " + c.Quote(src) + " -> " + c.Quote(dst) + backupNote(o.backupName) + "\n")
	}
}

// sameFileOK is copy.c's same_file_ok without backups or hard links: may
// src (stat s) be copied or moved onto dst (stat d, an lstat unless
// following symlinks)? derefNever is cp -P (and mv).
func (c *cmd) sameFileOK(src, dst string, s, d *vfs.Statx, move, derefNever bool) bool {
	same := sameInode(s, d)
	sl, dl := s, d
	if derefNever {
		if applet.IsLink(uint32(s.Mode)) && applet.IsLink(uint32(d.Mode)) {
			sn := c.sameName(src, applet.AtCWD, dst)
			if !sn && same {
				return !move
			}
			return !sn
		}
	} else {
		if !same {
			return true
		}
		td, err1 := c.Task.Lstat(dst)
		ts, err2 := c.Task.Lstat(src)
		if err1 != nil || err2 != nil {
			return true
		}
		sl, dl = &ts, &td
		same = sameInode(sl, dl)
	}
	slink, dlink := applet.IsLink(uint32(sl.Mode)), applet.IsLink(uint32(dl.Mode))
	if move {
		if dlink {
			return true
		}
		if same && dl.Nlink > 1 && !c.sameName(src, applet.AtCWD, dst) {
			return false
		}
	}
	if !slink && !dlink && !sameInode(sl, dl) {
		return true
	}
	if move && applet.IsLink(uint32(s.Mode)) && dl.Nlink > 1 {
		if abs, err := c.canonicalize(src, canExisting); err == nil {
			return !c.sameName(abs, applet.AtCWD, dst)
		}
	}
	if derefNever {
		ts, td := *sl, *dl
		var err error
		if slink {
			if ts, err = c.Task.Stat(src); err != nil {
				return true
			}
		}
		if dlink {
			if td, err = c.Task.Stat(dst); err != nil {
				return true
			}
		}
		if !sameInode(&ts, &td) {
			return true
		}
	}
	return false
}

func sameInode(a, b *vfs.Statx) bool {
	return a.Dev() == b.Dev() && a.Ino == b.Ino
}

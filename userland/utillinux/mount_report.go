// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What mount(8) and umount(8) print when something fails, and with which
// status. Each row was written down from what util-linux 2.38 prints on
// Linux 6.18 for a case that reaches it (see the mount and block
// differential scenarios and shell's table tests).

// Exit statuses of mount(8) and umount(8), as their manual lists them.
const (
	exitOK       = 0
	exitUsage    = 1  // bad command line, or mount(8) refused by itself
	exitNoMemory = 2  // out of memory (and other system errors)
	exitMtab     = 16 // the userspace mount table could not be updated
	exitFailed   = 32 // the mount or umount failed
	// umount(8) adds up the statuses of its operands, up to this.
	exitStatusCap = 255
)

// mountProblem is a reason for mount(8) to give up without any mount(2)
// call of its own, or after a successful one.
type mountProblem int

const (
	probNotInFstab   mountProblem = iota + 1 // only one of source and target, and no table knows the other
	probNoType                               // no type given, none guessed, none to try
	probUnresolvable                         // LABEL=, UUID=...: no device database here
	probBadOptions                           // an option's value cannot be used
	probLoopSetup                            // the loop device could not be set up
	probLoopOverlap                          // another loop device maps part of the same file
	probFollowUp                             // the call after a successful mount(2) failed
	probMtab                                 // the userspace mount table could not be written
)

func (p mountProblem) Error() string { return "mount problem" }

// situation is what the rows look at: the request as it stood when the
// failure happened, and the failure.
type situation struct {
	t              *vfs.Task
	src, tgt       string
	hasTgt         bool
	fstype         string
	flags          uint64 // every MS_* bit mount(8) meant to use
	nofail, rwOnly bool
	err            error // linux.Errno or mountProblem
	inFollowUp     bool  // the failing call was a propagation change
	options        string
	optErrno       linux.Errno
	swapLookup     bool // the fstab look-up also tried source as target
	emptyType      bool // -t '' was given
}

func (s *situation) errno() linux.Errno {
	var e linux.Errno
	if errors.As(s.err, &e) {
		return e
	}
	return 0
}

// Conditions the rows use.
func (s *situation) has(bits uint64) bool { return s.flags&bits != 0 }
func (s *situation) targetMissing() bool {
	_, err := s.t.Lstat(s.tgt)
	return s.hasTgt && err != nil
}
func (s *situation) targetDangling() bool {
	_, err := s.t.Stat(s.tgt)
	return s.hasTgt && err != nil
}
func (s *situation) targetNotDir() bool {
	st, err := s.t.Stat(s.tgt)
	return err != nil || !applet.IsDir(uint32(st.Mode))
}
func (s *situation) sourceStatErr() error {
	if s.src == "" {
		return nil
	}
	_, err := s.t.Stat(s.src)
	return err
}
func (s *situation) sourceMode(test func(uint32) bool) bool {
	st, err := s.t.Stat(s.src)
	return s.src != "" && err == nil && test(uint32(st.Mode))
}

// mountedElsewhere is where the source is already mounted, if it is.
func (s *situation) mountedElsewhere() string {
	if s.src == "" || isSourceTag(s.src) {
		return ""
	}
	for _, fs := range readMountinfo(s.t).fss {
		if fs.target != "" && fs.srcpath() != "" && fs.streqSrcpath(s.src) {
			return fs.target
		}
	}
	return ""
}

// underSharedMount is whether the mount holding path's parent directory
// is shared (the kernel refuses to move such a mount).
func (s *situation) underSharedMount(path string) bool {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return false
	}
	if i > 0 {
		path = path[:i]
	}
	fs := readMountinfo(s.t).findMountpoint(path, true)
	return fs != nil && fs.propagation()&linux.MS_SHARED != 0
}

// row is one line of a report table: when it applies, the message
// ("" prints nothing) with {src}, {tgt}, {type}, {where}, {opts} and
// {err} filled in, and the status.
type row struct {
	when func(*situation) bool
	say  string
	exit int
}

func always(*situation) bool { return true }

// quietIfNofail is the row that silences a missing or unusable source
// under -o nofail.
var quietIfNofail = row{func(s *situation) bool { return s.nofail }, "", exitOK}

const sysFailed = "mount(2) system call failed: {err}"

// mountCallRows: mount(2) (or a propagation change) failed with errno.
var mountCallRows = map[linux.Errno][]row{
	linux.EPERM: {
		{func(s *situation) bool { return s.t.Geteuid() != 0 }, "must be superuser to use mount", exitFailed},
		{(*situation).targetNotDir, "mount point is not a directory", exitFailed},
		{always, "permission denied", exitFailed},
	},
	linux.EBUSY: {
		{func(s *situation) bool { return s.has(linux.MS_REMOUNT) }, "mount point is busy", exitFailed},
		{func(s *situation) bool { return s.mountedElsewhere() != "" }, "{src} already mounted on {where}", exitFailed},
		{always, "{src} already mounted or mount point busy", exitFailed},
	},
	linux.ENOENT: {
		{(*situation).targetMissing, "mount point does not exist", exitFailed},
		{(*situation).targetDangling, "mount point is a symbolic link to nowhere", exitFailed},
		{func(s *situation) bool { return s.sourceStatErr() != nil && s.nofail }, "", exitOK},
		{func(s *situation) bool { return s.sourceStatErr() != nil }, "special device {src} does not exist", exitFailed},
		{always, sysFailed, exitFailed},
	},
	linux.ENOTDIR: {
		{(*situation).targetNotDir, "mount point is not a directory", exitFailed},
		{func(s *situation) bool { return errors.Is(s.sourceStatErr(), linux.ENOTDIR) && s.nofail }, "", exitOK},
		{func(s *situation) bool { return errors.Is(s.sourceStatErr(), linux.ENOTDIR) },
			"special device {src} does not exist (a path prefix is not a directory)", exitFailed},
		{always, sysFailed, exitFailed},
	},
	linux.EINVAL: {
		{func(s *situation) bool { return s.has(linux.MS_REMOUNT) }, "mount point not mounted or bad option", exitFailed},
		{func(s *situation) bool { return s.inFollowUp }, "not mount point or bad option", exitFailed},
		{func(s *situation) bool { return s.has(linux.MS_MOVE) && s.underSharedMount(s.src) },
			"bad option; moving a mount residing under a shared mount is unsupported", exitFailed},
		{func(s *situation) bool { return isNetFstype(s.fstype) },
			"bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program", exitFailed},
		{always, "wrong fs type, bad option, bad superblock on {src}, missing codepage or helper program, or other error", exitFailed},
	},
	linux.EMFILE: {{always, "mount table full", exitFailed}},
	linux.EIO:    {{always, "can't read superblock on {src}", exitFailed}},
	linux.ENODEV: {
		{func(s *situation) bool { return s.fstype != "" || s.emptyType }, "unknown filesystem type '{type}'", exitFailed},
		{always, "unknown filesystem type", exitFailed},
	},
	linux.ENOTBLK: {
		quietIfNofail,
		{func(s *situation) bool { return s.src != "" && s.sourceStatErr() != nil }, "{src} is not a block device, and stat(2) fails?", exitFailed},
		{func(s *situation) bool { return s.sourceMode(applet.IsBlk) },
			`the kernel does not recognize {src} as a block device; maybe "modprobe driver" is necessary`, exitFailed},
		{func(s *situation) bool { return s.sourceMode(applet.IsReg) }, `{src} is not a block device; try "-o loop"`, exitFailed},
		{always, "{src} is not a block device", exitFailed},
	},
	linux.ENXIO:     {quietIfNofail, {always, "{src} is not a valid block device", exitFailed}},
	linux.EACCES:    writeProtectedRows,
	linux.EROFS:     writeProtectedRows,
	linux.ENOMEDIUM: {quietIfNofail, {always, "no medium found on {src}", exitFailed}},
	linux.EBADMSG: {
		{func(s *situation) bool { return s.sourceMode(applet.IsBlk) || s.sourceMode(applet.IsReg) },
			"cannot mount; probably corrupted filesystem on {src}", exitFailed},
		{always, sysFailed, exitFailed},
	},
}

var writeProtectedRows = []row{
	{func(s *situation) bool { return s.has(linux.MS_RDONLY) }, "cannot mount {src} read-only", exitFailed},
	{func(s *situation) bool { return s.rwOnly }, "{src} is write-protected but explicit read-write mode requested", exitFailed},
	{func(s *situation) bool { return s.has(linux.MS_REMOUNT) }, "cannot remount {src} read-write, is write-protected", exitFailed},
	{func(s *situation) bool { return s.has(linux.MS_BIND) }, "bind {src} failed", exitFailed},
	{always, sysFailed, exitFailed},
}

// mountEarlyRows: mount(8) gave up before calling mount(2).
var mountEarlyRows = map[error][]row{
	linux.EPERM: {{always, "operation permitted for root only", exitUsage}},
	linux.EBUSY: {{always, "{src} is already mounted", exitUsage}},
	probNotInFstab: {
		{func(s *situation) bool { return s.swapLookup }, "can't find in /etc/fstab", exitUsage},
		{func(s *situation) bool { return s.hasTgt }, "can't find mount point in /etc/fstab", exitUsage},
		{always, "can't find mount source {src} in /etc/fstab", exitUsage},
	},
	probNoType: {{always, "no filesystem type specified", exitUsage}},
	probUnresolvable: {
		quietIfNofail,
		{func(s *situation) bool { return s.src != "" }, "can't find {src}", exitUsage},
		{always, "no mount source specified", exitUsage},
	},
	probBadOptions: {
		{func(s *situation) bool { return s.optErrno != 0 }, "failed to parse mount options '{opts}': {err}", exitUsage},
		{always, "failed to parse mount options '{opts}'", exitUsage},
	},
	probLoopSetup:   {{always, "failed to setup loop device for {src}", exitFailed}},
	probLoopOverlap: {{always, "overlapping loop device exists for {src}", exitFailed}},
}

// mountLateRows: mount(2) succeeded, something after it did not.
var mountLateRows = map[error][]row{
	probMtab: {{always, "filesystem was mounted, but failed to update userspace mount table", exitMtab}},
	// mount(8) prints its internal code for this one through strerror.
	probFollowUp: {{always, "filesystem was mounted, but any subsequent operation failed: Unknown error 5005", exitFailed}},
}

// exitForErrno is the status mount(8) and umount(8) give an errno no row
// names.
func exitForErrno(e linux.Errno) int {
	switch e {
	case linux.EINVAL, linux.EPERM:
		return exitUsage
	case linux.ENOMEM:
		return exitNoMemory
	}
	return exitFailed
}

// pick finds the first row of a table that applies; without one, what
// says "<what>: <strerror>".
func (s *situation) pick(table map[error][]row, what string) (string, int) {
	for _, r := range table[s.err] {
		if r.when(s) {
			return s.fill(r.say), r.exit
		}
	}
	return s.fill(what + ": {err}"), exitForErrno(s.errno())
}

func (s *situation) pickCall(table map[linux.Errno][]row, what string) (string, int) {
	for _, r := range table[s.errno()] {
		if r.when(s) {
			return s.fill(r.say), r.exit
		}
	}
	return s.fill(what + ": {err}"), exitForErrno(s.errno())
}

func (s *situation) fill(say string) string {
	if !strings.Contains(say, "{") {
		return say
	}
	ErrText := ""
	if e := s.errno(); e != 0 {
		ErrText = e.Error()
	} else if s.optErrno != 0 {
		ErrText = s.optErrno.Error()
	}
	where := ""
	if strings.Contains(say, "{where}") {
		where = s.mountedElsewhere()
	}
	return strings.NewReplacer("{src}", s.src, "{tgt}", s.tgt, "{type}", s.fstype,
		"{where}", where, "{opts}", s.options, "{err}", ErrText).Replace(say)
}

// umountCallRows: umount2(2) failed with errno.
var umountCallRows = map[linux.Errno][]row{
	linux.ENXIO:  {{always, "invalid block device", exitFailed}},
	linux.EINVAL: {{always, "not mounted", exitFailed}},
	linux.EIO:    {{always, "can't write superblock", exitFailed}},
	linux.EBUSY:  {{always, "target is busy", exitFailed}},
	linux.ENOENT: {{always, "no mount point specified", exitFailed}},
	linux.EPERM:  {{always, "must be superuser to unmount", exitFailed}},
	linux.EACCES: {{always, "block devices are not permitted on filesystem", exitFailed}},
}

// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// losetup's actions, one function each; losetup_attach.go has the
// attachment.

var losetupActions = map[losetupAction]func(j *losetupJob, rest []string) bool{
	loAttach:      (*losetupJob).runAttach,
	loDetach:      (*losetupJob).runDetach,
	loDetachAll:   (*losetupJob).runDetachAll,
	loFindFree:    (*losetupJob).runFindFree,
	loList:        (*losetupJob).runList,
	loShowDevice:  (*losetupJob).runShowDevice,
	loCapacity:    (*losetupJob).runChange,
	loSetDirectIO: (*losetupJob).runChange,
	loSetSector:   (*losetupJob).runChange,
}

// run carries out the job's action: status 0 when it succeeded, else 1.
func (j *losetupJob) run(rest []string) int {
	act, ok := losetupActions[j.action]
	if !ok {
		return j.c.badUsage(1)
	}
	if !act(j, rest) {
		return 1
	}
	return 0
}

func (j *losetupJob) runFindFree([]string) bool {
	n, err := unusedLoop(j.c.Task)
	if err != nil {
		j.c.warnf("cannot find an unused loop device: %s", applet.ErrText(err))
		return false
	}
	defer n.close()
	fmt.Fprintf(j.c.Out, "%s\n", n.path)
	return true
}

// runDetach is -d: the option's device, then each operand. An operand
// that is no loop device is reported and the device before it comes
// again in its place (and fails, being detached already).
func (j *losetupJob) runDetach(operands []string) bool {
	ok := j.detach(j.dev)
	for _, name := range operands {
		if isLoopBlockDev(j.c.Task, name) {
			j.setDev(openLoopNode(j.c.Task, name))
		} else {
			j.c.warnf("%s: failed to use device: %s", name, linux.ENODEV.Error())
		}
		ok = j.detach(j.dev) && ok
	}
	return ok
}

func (j *losetupJob) runDetachAll([]string) bool {
	nodes := attachedLoops(j.c.Task)
	defer closeLoops(nodes, nil)
	ok := true
	for _, n := range nodes {
		ok = j.detach(n) && ok
	}
	return ok
}

// detach detaches n, saying so when it cannot.
func (j *losetupJob) detach(n *loopNode) bool {
	if err := n.detach(); err != nil {
		j.c.warnf("%s: detach failed: %s", n.path, applet.ErrText(err))
		return false
	}
	return true
}

// deviceChanges are the actions that send one request to a device, with
// what losetup says when it fails.
var deviceChanges = map[losetupAction]struct {
	req     uint32
	failure string
	arg     func(j *losetupJob) any
}{
	loCapacity:    {linux.LOOP_SET_CAPACITY, "set capacity failed", func(*losetupJob) any { return nil }},
	loSetDirectIO: {linux.LOOP_SET_DIRECT_IO, "set direct io failed", func(j *losetupJob) any { return boolArg(j.dioOn) }},
	loSetSector:   {linux.LOOP_SET_BLOCK_SIZE, "set logical block size failed", func(j *losetupJob) any { return j.setup.sectorSize }},
}

func boolArg(on bool) uint64 {
	if on {
		return 1
	}
	return 0
}

func (j *losetupJob) runChange([]string) bool {
	ch := deviceChanges[j.action]
	if err := j.dev.request(ch.req, ch.arg(j)); err != nil {
		j.c.warnf("%s: %s: %s", j.dev.path, ch.failure, applet.ErrText(err))
		return false
	}
	return true
}

// runShowDevice is a lone device operand: its line, or its table row.
func (j *losetupJob) runShowDevice([]string) bool {
	if j.list {
		j.listTable(nil)
		return true
	}
	if err := j.printLine(j.dev); err != nil {
		j.c.warnf("%s: %s", j.dev.path, applet.ErrText(err))
		return false
	}
	return true
}

// runList is -a, -j FILE and --list: every attached device (of FILE).
func (j *losetupJob) runList([]string) bool {
	var pick *associated
	if j.assocFile != "" {
		pick = &associated{t: j.c.Task, id: identifyBacking(j.c.Task, j.assocFile),
			offset: j.setup.span.off, byOffset: j.hasOffset, byLimit: j.hasOffset && j.hasLimit}
	}
	if j.list {
		j.listTable(pick)
		return true
	}
	nodes := attachedLoops(j.c.Task)
	defer closeLoops(nodes, nil)
	for _, n := range nodes {
		if pick == nil || pick.picks(n) {
			j.printLine(n)
		}
	}
	return true
}

// printLine is the one-line description of -a, -j and a device operand:
// the device, the backing file's device and inode, its name, and the
// offset and size limit when they are not zero.
func (j *losetupJob) printLine(n *loopNode) error {
	name, err := n.fileName()
	if err != nil {
		return err
	}
	id := "[]:"
	if info, err := n.status(); err == nil && (info.Device != 0 || info.Inode != 0) {
		id = fmt.Sprintf("[%04d]:%d", int64(info.Device), info.Inode)
	}
	line := fmt.Sprintf("%s: %s (%s)", n.path, id, name)
	if off, err := n.offset(); err == nil && off != 0 {
		line += fmt.Sprintf(", offset %d", off)
	}
	if limit, err := n.sizeLimit(); err == nil && limit != 0 {
		line += fmt.Sprintf(", sizelimit %d", limit)
	}
	fmt.Fprintf(j.c.Out, "%s\n", line)
	return nil
}

// associated picks the devices of -j FILE: those behind which the file
// is (by its device and inode, or else by name) and, with -o, that map
// it from that offset. When the name is what is compared, it is the
// name as given until a device does not match; from then on it is the
// canonical name.
type associated struct {
	t         *vfs.Task
	id        backingID
	canonical bool
	offset    uint64
	byOffset  bool
	byLimit   bool // with byOffset: --sizelimit was given (it can only be 0)
}

func (a *associated) picks(n *loopNode) bool {
	if a.matches(n) {
		return true
	}
	if a.canonical {
		return false
	}
	a.canonical = true
	a.id.name = canonicalPath(a.t, a.id.name)
	return a.matches(n)
}

func (a *associated) matches(n *loopNode) bool {
	if !a.id.behind(n) {
		return false
	}
	if !a.byOffset {
		return true
	}
	sp, err := n.span()
	return err == nil && sp.off == a.offset && (!a.byLimit || sp.limit == 0)
}

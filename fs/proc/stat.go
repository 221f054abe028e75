// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// The numeric files that ps, top, free, uptime and vmstat read:
// /proc/<pid>/stat and statm (fs/proc/array.c), /proc/meminfo
// (fs/proc/meminfo.c), /proc/loadavg (fs/proc/loadavg.c) and /proc/stat
// (fs/proc/stat.c). The model runs tasks as goroutines with no scheduler,
// page allocator or signal state of its own: what it has no counter for
// is shown as zero, and the few things that follow from what it has (idle
// time, free memory) are derived as noted at each.

// pfKthread is PF_KTHREAD of task->flags.
const pfKthread = 0x00200000

// userHZ is USER_HZ: the unit of times in these files.
const userHZ = 100

// ticks is nsec_to_clock_t / jiffies_64_to_clock_t.
func ticks(d time.Duration) uint64 { return uint64(max(d, 0) / (time.Second / userHZ)) }

// taskState is the state letter of owner as reader sees it: the reader
// itself is running; any other task is taken to sleep, which is where a
// task of a script spends its time while another looks (its shell
// waiting, a pipeline's other side blocked on the pipe).
func taskState(owner, reader *vfs.Task) byte {
	if owner == reader {
		return 'R'
	}
	return 'S'
}

// taskStatText is /proc/<pid>/stat (do_task_stat) with numbers as pidns
// sees them and the start time on the clock of the reader's time
// namespace (timens_add_boottime_ns). Zeros, and why:
//   - tty_nr 0, tpgid -1: no task has a controlling terminal;
//   - faults, utime/stime and the children's: no accounting; of the
//     flags only PF_KTHREAD, for a kernel thread;
//   - vsize, rss, code/stack/data addresses: no address space (as a
//     kernel thread's, which has no mm);
//   - signal masks, wchan, processor, policy, delays: no scheduler or
//     signal state.
//
// pgrp and session are as pidns numbers them: 0 for a kernel thread's,
// or a leader pidns cannot see.
func taskStatText(owner, reader *vfs.Task, pidns *vfs.PidNamespace) string {
	flags := 0
	if owner.IsKernelThread() {
		flags = pfKthread
	}
	start := owner.StartTime() + reader.TimeNamespace().Boottime()
	var b strings.Builder
	fmt.Fprintf(&b, "%d (%s) %c %d %d %d 0 -1 %d", owner.PidIn(pidns), owner.Comm(), taskState(owner, reader),
		owner.PPidIn(pidns), owner.PgidIn(pidns), owner.SidIn(pidns), flags)
	b.WriteString(" 0 0 0 0 0 0 0 0") // faults, then CPU times
	// priority (prio - MAX_RT_PRIO of a nice-0 task), nice, threads,
	// itrealvalue, start time, vsize, rss, rsslim (RLIM_INFINITY).
	fmt.Fprintf(&b, " 20 0 1 0 %d 0 0 18446744073709551615", ticks(start))
	b.WriteString(strings.Repeat(" 0", 3+2+4+3)) // code, stack, sp/ip, signals, wchan 0 0
	b.WriteString(" 17 0 0 0 0 0 0")             // exit_signal SIGCHLD, cpu, rt, policy, delays, guest
	b.WriteString(strings.Repeat(" 0", 7+1) + "\n")
	return b.String()
}

// statmText is /proc/<pid>/statm (proc_pid_statm): size, resident,
// shared, text, lib, data and dt in pages; with no address space, all 0.
const statmText = "0 0 0 0 0 0 0\n"

// meminfoText is /proc/meminfo (meminfo_proc_show) in 6.18's order for
// x86-64. MemTotal is the RAM the kernel was told it has (Boot gives it
// the host's, so tmpfs's size=50% and free agree with the machine); the
// only memory the model tracks is what tmpfs files hold, which Linux
// counts as Shmem, in Cached and on the inactive anon list, and which
// cannot be reclaimed: MemFree and MemAvailable are what is left.
// CommitLimit is the default overcommit_ratio's half of RAM plus the swap.
func meminfoText(k *vfs.Kernel) string {
	total := k.TotalRAMPages() * 4
	shmem := min(k.ShmemPages()*4, total)
	swapTotal, swapFree := k.SwapPages()
	free := total - shmem
	var b strings.Builder
	kb := func(name string, v uint64) { fmt.Fprintf(&b, "%-16s%8d kB\n", name+":", v) }
	for _, f := range []struct {
		name string
		v    uint64
	}{
		{"MemTotal", total}, {"MemFree", free}, {"MemAvailable", free}, {"Buffers", 0},
		{"Cached", shmem}, {"SwapCached", 0}, {"Active", 0}, {"Inactive", shmem},
		{"Active(anon)", 0}, {"Inactive(anon)", shmem}, {"Active(file)", 0}, {"Inactive(file)", 0},
		{"Unevictable", 0}, {"Mlocked", 0}, {"SwapTotal", swapTotal * 4}, {"SwapFree", swapFree * 4},
		{"Zswap", 0}, {"Zswapped", 0}, {"Dirty", 0}, {"Writeback", 0},
		{"AnonPages", 0}, {"Mapped", 0}, {"Shmem", shmem}, {"KReclaimable", 0},
		{"Slab", 0}, {"SReclaimable", 0}, {"SUnreclaim", 0}, {"KernelStack", 0},
		{"PageTables", 0}, {"SecPageTables", 0}, {"NFS_Unstable", 0}, {"Bounce", 0},
		{"WritebackTmp", 0}, {"CommitLimit", total/2 + swapTotal*4}, {"Committed_AS", shmem},
		{"VmallocTotal", 34359738367}, {"VmallocUsed", 0}, {"VmallocChunk", 0}, {"Percpu", 0},
		{"AnonHugePages", 0}, {"ShmemHugePages", 0}, {"ShmemPmdMapped", 0},
		{"FileHugePages", 0}, {"FilePmdMapped", 0}, {"Balloon", 0},
	} {
		kb(f.name, f.v)
	}
	// hugetlb_report_meminfo has a format of its own for the counts.
	for _, name := range []string{"HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp"} {
		fmt.Fprintf(&b, "%-16s   %5d\n", name+":", 0)
	}
	kb("Hugepagesize", 2048)
	kb("Hugetlb", 0)
	kb("DirectMap4k", 0) // no page tables: the direct map is not split
	kb("DirectMap2M", 0)
	if k.DirectGBPages() {
		kb("DirectMap1G", 0)
	}
	return b.String()
}

// loadavgText is /proc/loadavg (loadavg_proc_show): no load is sampled,
// so the averages are 0; one task runs (the reader), every task counts
// as a thread, and the last PID is that of the reader's namespace.
func loadavgText(k *vfs.Kernel, reader *vfs.Task) string {
	return fmt.Sprintf("0.00 0.00 0.00 1/%d %d\n", len(k.Tasks()), reader.PidNamespace().LastPid())
}

// sysStatText is /proc/stat (show_stat): every CPU has been idle since
// boot (the same figure as /proc/uptime's second), nothing else is
// counted; btime is the boot time on the reader's clocks, and processes
// (forks since boot) the last PID the initial namespace gave, which is
// that count until PIDs wrap.
func sysStatText(k *vfs.Kernel, reader *vfs.Task) string {
	cpus := runtime.NumCPU()
	up := k.Uptime()
	idle := ticks(up)
	var b strings.Builder
	fmt.Fprintf(&b, "cpu  0 0 0 %d 0 0 0 0 0 0\n", idle*uint64(cpus))
	for i := range cpus {
		fmt.Fprintf(&b, "cpu%d 0 0 0 %d 0 0 0 0 0 0\n", i, idle)
	}
	now := k.Now()
	boot := time.Unix(now.Sec, now.Nsec).Add(-up - reader.TimeNamespace().Boottime())
	fmt.Fprintf(&b, "intr 0\nctxt 0\nbtime %d\nprocesses %d\nprocs_running 1\nprocs_blocked 0\n",
		boot.Unix(), reader.Ancestor().PidNamespace().LastPid())
	b.WriteString("softirq 0 0 0 0 0 0 0 0 0 0 0\n")
	return b.String()
}

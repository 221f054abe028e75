// SPDX-License-Identifier: Apache-2.0

package linux

// System V IPC (include/uapi/linux/ipc.h, shm.h, msg.h, sem.h).
const (
	IPC_PRIVATE = 0

	IPC_CREAT  = 0o1000
	IPC_EXCL   = 0o2000
	IPC_NOWAIT = 0o4000

	IPC_RMID = 0
	IPC_SET  = 1
	IPC_STAT = 2
	IPC_INFO = 3

	// IPCMNI is the most objects of one kind a namespace holds, and the
	// multiplier of an id's sequence number (ipcmni_extend off).
	IPCMNI       = 1 << 15
	IPCMNI_SHIFT = 15

	SHM_RDONLY = 0o10000
	SHM_RND    = 0o20000
	SHM_REMAP  = 0o40000
	SHM_EXEC   = 0o100000

	SHM_HUGETLB   = 0o4000
	SHM_NORESERVE = 0o10000

	SHM_LOCK     = 11
	SHM_UNLOCK   = 12
	SHM_STAT     = 13
	SHM_INFO     = 14
	SHM_STAT_ANY = 15

	// Mode bits of a segment beyond its permissions.
	SHM_DEST   = 0o1000
	SHM_LOCKED = 0o2000

	SHMMIN = 1
	SHMMNI = 4096
	// SHMMAX and SHMALL default to ULONG_MAX - 2^24.
	SHMMAX = ^uint64(0) - 1<<24
	SHMALL = ^uint64(0) - 1<<24
	SHMSEG = SHMMNI

	MSG_STAT     = 11
	MSG_INFO     = 12
	MSG_STAT_ANY = 13

	MSG_NOERROR = 0o10000
	MSG_EXCEPT  = 0o20000
	MSG_COPY    = 0o40000

	MSGMNI  = 32000
	MSGMAX  = 8192
	MSGMNB  = 16384
	MSGPOOL = MSGMNI * MSGMNB / 1024
	MSGTQL  = MSGMNB
	MSGMAP  = MSGMNB
	MSGSSZ  = 16
	MSGSEG  = 0xffff

	GETPID  = 11
	GETVAL  = 12
	GETALL  = 13
	GETNCNT = 14
	GETZCNT = 15
	SETVAL  = 16
	SETALL  = 17

	SEM_STAT     = 18
	SEM_INFO     = 19
	SEM_STAT_ANY = 20

	SEM_UNDO = 0x1000

	SEMMNI = 32000
	SEMMSL = 32000
	SEMMNS = SEMMNI * SEMMSL
	SEMOPM = 500
	SEMVMX = 32767
	SEMAEM = SEMVMX
	SEMUME = SEMOPM
	SEMMNU = SEMMNS
	SEMMAP = SEMMNS
	SEMUSZ = 20
)

// IPCPerm is struct ipc64_perm, IDs as the caller's user namespace sees
// them.
type IPCPerm struct {
	Key                  int32
	UID, GID, CUID, CGID uint32
	Mode                 uint32
	Seq                  uint32
}

// ShmidDS is struct shmid64_ds.
type ShmidDS struct {
	Perm                ShmPerm
	Segsz               uint64
	Atime, Dtime, Ctime int64
	Cpid, Lpid          int32
	Nattch              uint64
}

// ShmPerm is the ipc_perm of a segment.
type ShmPerm = IPCPerm

// Shminfo is struct shminfo64 (IPC_INFO).
type Shminfo struct {
	Shmmax, Shmmin, Shmmni, Shmseg, Shmall uint64
}

// ShmInfo is struct shm_info (SHM_INFO).
type ShmInfo struct {
	UsedIDs                     int32
	ShmTot, ShmRss, ShmSwp      uint64
	SwapAttempts, SwapSuccesses uint64
}

// MsqidDS is struct msqid64_ds.
type MsqidDS struct {
	Perm                IPCPerm
	Stime, Rtime, Ctime int64
	Cbytes, Qnum        uint64
	Qbytes              uint64
	Lspid, Lrpid        int32
}

// Msginfo is struct msginfo (IPC_INFO and MSG_INFO).
type Msginfo struct {
	Msgpool, Msgmap, Msgmax, Msgmnb, Msgmni, Msgssz, Msgtql int32
	Msgseg                                                  uint16
}

// SemidDS is struct semid64_ds.
type SemidDS struct {
	Perm         IPCPerm
	Otime, Ctime int64
	Nsems        uint64
}

// Seminfo is struct seminfo (IPC_INFO and SEM_INFO).
type Seminfo struct {
	Semmap, Semmni, Semmns, Semmnu, Semmsl, Semopm, Semume, Semusz, Semvmx, Semaem int32
}

// Sembuf is struct sembuf: one operation of a semop.
type Sembuf struct {
	Num uint16
	Op  int16
	Flg int16
}

// SPDX-License-Identifier: Apache-2.0

package vfs

// The kernel's memory counters that /proc/meminfo shows. The model has
// no page allocator: what it knows is the size it was told it has
// (SetTotalRAM) and the pages tmpfs files hold.

// AccountShmem adds n pages (n < 0: takes them) to the shmem count, as
// shmem_inode_acct_blocks and its undoing move NR_SHMEM.
func (k *Kernel) AccountShmem(n int64) { k.shmemPages.Add(n) }

// ShmemPages is global_node_page_state(NR_SHMEM).
func (k *Kernel) ShmemPages() uint64 { return uint64(max(k.shmemPages.Load(), 0)) }

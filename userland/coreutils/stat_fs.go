// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// This file holds only stat --file-system's directives (df lives in the
// df_*.go files).

// stat --file-system.

// statfsDefault is stat -f's default format; statfsTerse its --terse one.
const (
	statfsDefault = "  File: \"%n\"\n" +
		"    ID: %-8i Namelen: %-7l Type: %T\n" +
		"Block size: %-10s Fundamental block size: %S\n" +
		"Blocks: Total: %-10b Free: %-10f Available: %a\n" +
		"Inodes: Total: %-10c Free: %d\n"
	statfsTerse = "%n %i %l %t %s %S %b %f %a %c %d\n"
)

// statfsOne is stat -f for one name; a false good is a failure, an error
// ends stat.
func (c *statRun) fsOne(name string) (good bool, err error) {
	if name == "-" {
		c.Errorf("using %s to denote standard input does not work in file system mode", c.Quote(name))
		return false, nil
	}
	st, serr := c.Task.Statfs(name)
	if serr != nil {
		c.Errorf("cannot read file system information for %s: %s", c.Quote(name), applet.ErrText(serr))
		return false, nil
	}
	format := c.format
	switch {
	case format != "":
	case c.terse:
		format = statfsTerse
	default:
		format = statfsDefault
	}
	f := &statFile{name: name, sfs: &st}
	if sx, err := c.Task.Stat(name); err == nil {
		f.st = sx
	}
	failed, err := c.formatRun(format, c.escapes, true, func(sp statSpec, _, letter byte) bool {
		c.fsDirective(f, sp, letter)
		return false
	})
	if err != nil {
		return false, err
	}
	c.Out.WriteString(c.trailer)
	return !failed, nil
}

// statfsFsid is %i: f_fsid where the filesystem keeps one, else what the
// kernel's simple_statfs (proc, ramfs, mqueue...) sets: the device
// number, huge_encode_dev, in the first word. (A real tmpfs has a random
// one.)
func statfsFsid(st *vfs.Statx, sfs *vfs.Statfs) uint64 {
	if sfs.Fsid != [2]uint32{} {
		// stat reads the two words as one number, the first high.
		return uint64(sfs.Fsid[0])<<32 | uint64(sfs.Fsid[1])
	}
	major, minor := uint64(st.DevMajor), uint64(st.DevMinor)
	id := minor&0xff | major<<8 | (minor&^0xff)<<12
	// stat reads the two words of f_fsid as one number, the first high.
	return uint64(uint32(id))<<32 | id>>32
}

// statfsDirective prints one stat -f directive.
func (c *statRun) fsDirective(f *statFile, sp statSpec, letter byte) {
	s := f.sfs
	switch letter {
	case 'n':
		c.str(sp, f.name)
	case 'i':
		c.hex(sp, statfsFsid(&f.st, s))
	case 'l':
		c.unum(sp, uint64(s.Namelen))
	case 't':
		c.hex(sp, s.Type)
	case 'T':
		c.str(sp, statfsTypeName(s.Type))
	case 'b':
		c.num(sp, int64(s.Blocks))
	case 'f':
		c.num(sp, int64(s.Bfree))
	case 'a':
		c.num(sp, int64(s.Bavail))
	case 's':
		c.unum(sp, uint64(s.Bsize))
	case 'S':
		fr := uint64(s.Frsize)
		if fr == 0 {
			fr = uint64(s.Bsize)
		}
		c.unum(sp, fr)
	case 'c':
		c.unum(sp, s.Files)
	case 'd':
		c.num(sp, int64(s.Ffree))
	default:
		c.Out.WriteByte('?')
	}
}

// statfsTypeName is stat.c's human_fstype.
func statfsTypeName(magic uint64) string {
	if name, ok := statfsMagic[magic]; ok {
		return name
	}
	return fmt.Sprintf("UNKNOWN (0x%x)", magic)
}

// statfsMagic maps f_type to the names coreutils 9.1 gives them.
var statfsMagic = map[uint64]string{
	0x5A3C69F0: "aafs",
	0x61636673: "acfs",
	0xADF5:     "adfs",
	0xADFF:     "affs",
	0x5346414F: "afs",
	0x9041934:  "anon-inode FS",
	0x61756673: "aufs",
	0x187:      "autofs",
	0x13661366: "balloon-kvm-fs",
	0x42465331: "befs",
	0x62646576: "bdevfs",
	0x1BADFACE: "bfs",
	0x6C6F6F70: "binderfs",
	0xCAFE4A11: "bpf_fs",
	0x42494E4D: "binfmt_misc",
	0x9123683E: "btrfs",
	0x73727279: "btrfs_test",
	0xC36400:   "ceph",
	0x27E0EB:   "cgroupfs",
	0x63677270: "cgroup2fs",
	0xFF534D42: "cifs",
	0x73757245: "coda",
	0x12FF7B7:  "coh",
	0x62656570: "configfs",
	0x28CD3D45: "cramfs",
	0x453DCD28: "cramfs-wend",
	0x64646178: "daxfs",
	0x64626720: "debugfs",
	0x1373:     "devfs",
	0x454D444D: "devmem",
	0x1CD1:     "devpts",
	0x444D4142: "dma-buf-fs",
	0xF15F:     "ecryptfs",
	0xDE5E81E4: "efivarfs",
	0x414A53:   "efs",
	0xE0F5E1E2: "erofs",
	0x2011BAB0: "exfat",
	0x45584653: "exfs",
	0x5DF5:     "exofs",
	0x137D:     "ext",
	0xEF53:     "ext2/ext3",
	0xEF51:     "ext2",
	0xF2F52010: "f2fs",
	0x4006:     "fat",
	0x19830326: "fhgfs",
	0x65735546: "fuseblk",
	0x65735543: "fusectl",
	0xBAD1DEA:  "futexfs",
	0x1161970:  "gfs/gfs2",
	0x47504653: "gpfs",
	0x4244:     "hfs",
	0x482B:     "hfs+",
	0x4858:     "hfsx",
	0xC0FFEE:   "hostfs",
	0xF995E849: "hpfs",
	0x958458F6: "hugetlbfs",
	0x11307854: "inodefs",
	0x13111A8:  "ibrix",
	0x2BAD1DEA: "inotifyfs",
	0x9660:     "isofs",
	0x4004:     "isofs",
	0x4000:     "isofs",
	0x7C0:      "jffs",
	0x72B6:     "jffs2",
	0x3153464A: "jfs",
	0x6B414653: "k-afs",
	0xC97E8168: "logfs",
	0xBD00BD0:  "lustre",
	0x5346314D: "m1fs",
	0x137F:     "minix",
	0x138F:     "minix (30 char.)",
	0x2468:     "minix v2",
	0x2478:     "minix v2 (30 char.)",
	0x4D5A:     "minix3",
	0x19800202: "mqueue",
	0x4D44:     "msdos",
	0x564C:     "novell",
	0x6969:     "nfs",
	0x6E667364: "nfsd",
	0x3434:     "nilfs",
	0x6E736673: "nsfs",
	0x5346544E: "ntfs",
	0x9FA1:     "openprom",
	0x7461636F: "ocfs2",
	0x794C7630: "overlayfs",
	0xAAD7AAEA: "panfs",
	0x50495045: "pipefs",
	0xC7571590: "ppc-cmm-fs",
	0x7C7C6673: "prl_fs",
	0x9FA0:     "proc",
	0x6165676C: "pstorefs",
	0x2F:       "qnx4",
	0x68191122: "qnx6",
	0x858458F6: "ramfs",
	0x7655821:  "rdt",
	0x52654973: "reiserfs",
	0x7275:     "romfs",
	0x67596969: "rpc_pipefs",
	0x5DCA2DF5: "sdcardfs",
	0x5345434D: "secretmem",
	0x73636673: "securityfs",
	0xF97CFF8C: "selinux",
	0x43415D53: "smackfs",
	0x517B:     "smb",
	0xFE534D42: "smb2",
	0xBEEFDEAD: "snfs",
	0x534F434B: "sockfs",
	0x73717368: "squashfs",
	0x62656572: "sysfs",
	0x12FF7B6:  "sysv2",
	0x12FF7B5:  "sysv4",
	0x1021994:  "tmpfs",
	0x74726163: "tracefs",
	0x24051905: "ubifs",
	0x15013346: "udf",
	0x11954:    "ufs",
	0x54190100: "ufs",
	0x9FA2:     "usbdevfs",
	0x1021997:  "v9fs",
	0x786F4256: "vboxsf",
	0xBACBACBC: "vmhgfs",
	0xA501FCF5: "vxfs",
	0x565A4653: "vzfs",
	0x53464846: "wslfs",
	0xABBA1974: "xenfs",
	0x12FF7B4:  "xenix",
	0x58465342: "xfs",
	0x12FD16D:  "xia",
	0x33:       "z3fold",
	0x2FC12FC1: "zfs",
	0x5A4F4653: "zonefs",
	0x58295829: "zsmallocfs",
}

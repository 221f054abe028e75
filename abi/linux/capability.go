// SPDX-License-Identifier: Apache-2.0

package linux

import "strconv"

// Capability is a Linux capability number (include/uapi/linux/capability.h).
type Capability int

// Capabilities.
const (
	CAP_CHOWN              Capability = 0
	CAP_DAC_OVERRIDE       Capability = 1
	CAP_DAC_READ_SEARCH    Capability = 2
	CAP_FOWNER             Capability = 3
	CAP_FSETID             Capability = 4
	CAP_KILL               Capability = 5
	CAP_SETGID             Capability = 6
	CAP_SETUID             Capability = 7
	CAP_SETPCAP            Capability = 8
	CAP_LINUX_IMMUTABLE    Capability = 9
	CAP_NET_BIND_SERVICE   Capability = 10
	CAP_NET_BROADCAST      Capability = 11
	CAP_NET_ADMIN          Capability = 12
	CAP_NET_RAW            Capability = 13
	CAP_IPC_LOCK           Capability = 14
	CAP_IPC_OWNER          Capability = 15
	CAP_SYS_MODULE         Capability = 16
	CAP_SYS_RAWIO          Capability = 17
	CAP_SYS_CHROOT         Capability = 18
	CAP_SYS_PTRACE         Capability = 19
	CAP_SYS_PACCT          Capability = 20
	CAP_SYS_ADMIN          Capability = 21
	CAP_SYS_BOOT           Capability = 22
	CAP_SYS_NICE           Capability = 23
	CAP_SYS_RESOURCE       Capability = 24
	CAP_SYS_TIME           Capability = 25
	CAP_SYS_TTY_CONFIG     Capability = 26
	CAP_MKNOD              Capability = 27
	CAP_LEASE              Capability = 28
	CAP_AUDIT_WRITE        Capability = 29
	CAP_AUDIT_CONTROL      Capability = 30
	CAP_SETFCAP            Capability = 31
	CAP_MAC_OVERRIDE       Capability = 32
	CAP_MAC_ADMIN          Capability = 33
	CAP_SYSLOG             Capability = 34
	CAP_WAKE_ALARM         Capability = 35
	CAP_BLOCK_SUSPEND      Capability = 36
	CAP_AUDIT_READ         Capability = 37
	CAP_PERFMON            Capability = 38
	CAP_BPF                Capability = 39
	CAP_CHECKPOINT_RESTORE Capability = 40

	// CAP_LAST_CAP is the highest capability number this package knows.
	CAP_LAST_CAP = CAP_CHECKPOINT_RESTORE
)

var capNames = [...]string{
	CAP_CHOWN:              "CAP_CHOWN",
	CAP_DAC_OVERRIDE:       "CAP_DAC_OVERRIDE",
	CAP_DAC_READ_SEARCH:    "CAP_DAC_READ_SEARCH",
	CAP_FOWNER:             "CAP_FOWNER",
	CAP_FSETID:             "CAP_FSETID",
	CAP_KILL:               "CAP_KILL",
	CAP_SETGID:             "CAP_SETGID",
	CAP_SETUID:             "CAP_SETUID",
	CAP_SETPCAP:            "CAP_SETPCAP",
	CAP_LINUX_IMMUTABLE:    "CAP_LINUX_IMMUTABLE",
	CAP_NET_BIND_SERVICE:   "CAP_NET_BIND_SERVICE",
	CAP_NET_BROADCAST:      "CAP_NET_BROADCAST",
	CAP_NET_ADMIN:          "CAP_NET_ADMIN",
	CAP_NET_RAW:            "CAP_NET_RAW",
	CAP_IPC_LOCK:           "CAP_IPC_LOCK",
	CAP_IPC_OWNER:          "CAP_IPC_OWNER",
	CAP_SYS_MODULE:         "CAP_SYS_MODULE",
	CAP_SYS_RAWIO:          "CAP_SYS_RAWIO",
	CAP_SYS_CHROOT:         "CAP_SYS_CHROOT",
	CAP_SYS_PTRACE:         "CAP_SYS_PTRACE",
	CAP_SYS_PACCT:          "CAP_SYS_PACCT",
	CAP_SYS_ADMIN:          "CAP_SYS_ADMIN",
	CAP_SYS_BOOT:           "CAP_SYS_BOOT",
	CAP_SYS_NICE:           "CAP_SYS_NICE",
	CAP_SYS_RESOURCE:       "CAP_SYS_RESOURCE",
	CAP_SYS_TIME:           "CAP_SYS_TIME",
	CAP_SYS_TTY_CONFIG:     "CAP_SYS_TTY_CONFIG",
	CAP_MKNOD:              "CAP_MKNOD",
	CAP_LEASE:              "CAP_LEASE",
	CAP_AUDIT_WRITE:        "CAP_AUDIT_WRITE",
	CAP_AUDIT_CONTROL:      "CAP_AUDIT_CONTROL",
	CAP_SETFCAP:            "CAP_SETFCAP",
	CAP_MAC_OVERRIDE:       "CAP_MAC_OVERRIDE",
	CAP_MAC_ADMIN:          "CAP_MAC_ADMIN",
	CAP_SYSLOG:             "CAP_SYSLOG",
	CAP_WAKE_ALARM:         "CAP_WAKE_ALARM",
	CAP_BLOCK_SUSPEND:      "CAP_BLOCK_SUSPEND",
	CAP_AUDIT_READ:         "CAP_AUDIT_READ",
	CAP_PERFMON:            "CAP_PERFMON",
	CAP_BPF:                "CAP_BPF",
	CAP_CHECKPOINT_RESTORE: "CAP_CHECKPOINT_RESTORE",
}

// Valid reports whether c is a capability number this package knows.
func (c Capability) Valid() bool {
	return c >= 0 && c <= CAP_LAST_CAP
}

// String returns the kernel's name for c, such as "CAP_SYS_ADMIN", or
// "Capability(N)" for an unknown number.
func (c Capability) String() string {
	if c.Valid() {
		return capNames[c]
	}
	return "Capability(" + strconv.Itoa(int(c)) + ")"
}

// CapSet is a set of capabilities, one bit per capability number, laid out
// like the kernel's kernel_cap_t.
type CapSet uint64

// AllCaps holds every capability up to CAP_LAST_CAP (CAP_FULL_SET).
const AllCaps CapSet = 1<<(CAP_LAST_CAP+1) - 1

// Has reports whether c is in s. It is false for an invalid capability.
func (s CapSet) Has(c Capability) bool {
	return c.Valid() && s&(1<<uint(c)) != 0
}

// Add returns s with c added. An invalid capability leaves s unchanged.
func (s CapSet) Add(c Capability) CapSet {
	if !c.Valid() {
		return s
	}
	return s | 1<<uint(c)
}

// Remove returns s with c removed. An invalid capability leaves s unchanged.
func (s CapSet) Remove(c Capability) CapSet {
	if !c.Valid() {
		return s
	}
	return s &^ (1 << uint(c))
}

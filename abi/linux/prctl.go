// SPDX-License-Identifier: Apache-2.0

package linux

// prctl(2) options the capability and credential code answers
// (include/uapi/linux/prctl.h).
const (
	PR_SET_PDEATHSIG    = 1
	PR_GET_PDEATHSIG    = 2
	PR_GET_KEEPCAPS     = 7
	PR_SET_KEEPCAPS     = 8
	PR_CAPBSET_READ     = 23
	PR_CAPBSET_DROP     = 24
	PR_GET_SECUREBITS   = 27
	PR_SET_SECUREBITS   = 28
	PR_SET_NO_NEW_PRIVS = 38
	PR_GET_NO_NEW_PRIVS = 39
	PR_CAP_AMBIENT      = 47

	// PR_CAP_AMBIENT's second argument.
	PR_CAP_AMBIENT_IS_SET    = 1
	PR_CAP_AMBIENT_RAISE     = 2
	PR_CAP_AMBIENT_LOWER     = 3
	PR_CAP_AMBIENT_CLEAR_ALL = 4
)

// Securebits (include/uapi/linux/securebits.h): each setting has a bit
// and, one above it, a bit that locks it.
const (
	SECBIT_NOROOT                       = 1 << 0
	SECBIT_NOROOT_LOCKED                = 1 << 1
	SECBIT_NO_SETUID_FIXUP              = 1 << 2
	SECBIT_NO_SETUID_FIXUP_LOCKED       = 1 << 3
	SECBIT_KEEP_CAPS                    = 1 << 4
	SECBIT_KEEP_CAPS_LOCKED             = 1 << 5
	SECBIT_NO_CAP_AMBIENT_RAISE         = 1 << 6
	SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED  = 1 << 7
	SECBIT_EXEC_RESTRICT_FILE           = 1 << 8
	SECBIT_EXEC_RESTRICT_FILE_LOCKED    = 1 << 9
	SECBIT_EXEC_DENY_INTERACTIVE        = 1 << 10
	SECBIT_EXEC_DENY_INTERACTIVE_LOCKED = 1 << 11

	// SECURE_ALL_BITS are the settings, SECURE_ALL_LOCKS their locks.
	SECURE_ALL_BITS = SECBIT_NOROOT | SECBIT_NO_SETUID_FIXUP | SECBIT_KEEP_CAPS |
		SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_EXEC_RESTRICT_FILE | SECBIT_EXEC_DENY_INTERACTIVE
	SECURE_ALL_LOCKS = SECURE_ALL_BITS << 1
	// SECURE_ALL_UNPRIVILEGED are the settings a task may change without
	// CAP_SETPCAP.
	SECURE_ALL_UNPRIVILEGED = SECBIT_EXEC_RESTRICT_FILE | SECBIT_EXEC_DENY_INTERACTIVE
)

// capget and capset header versions (struct __user_cap_header_struct).
const (
	LINUX_CAPABILITY_VERSION_1 = 0x19980330
	LINUX_CAPABILITY_VERSION_2 = 0x20071026
	LINUX_CAPABILITY_VERSION_3 = 0x20080522
)

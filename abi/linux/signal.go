// SPDX-License-Identifier: Apache-2.0

package linux

// SignalNames are the standard signals' names without "SIG", indexed by
// their x86_64 numbers (arch/x86/include/uapi/asm/signal.h); 0 and the
// real-time signals have none.
var SignalNames = [SIGRTMIN]string{
	1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS",
	8: "FPE", 9: "KILL", 10: "USR1", 11: "SEGV", 12: "USR2", 13: "PIPE",
	14: "ALRM", 15: "TERM", 16: "STKFLT", 17: "CHLD", 18: "CONT", 19: "STOP",
	20: "TSTP", 21: "TTIN", 22: "TTOU", 23: "URG", 24: "XCPU", 25: "XFSZ",
	26: "VTALRM", 27: "PROF", 28: "WINCH", 29: "IO", 30: "PWR", 31: "SYS",
}

// ValidSignal is valid_signal: 0 to NSIG.
func ValidSignal(sig uint64) bool { return sig <= NSIG }

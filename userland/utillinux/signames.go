// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Signal names as util-linux's lib/signames.c reads and writes them.

// glibc's real-time signal range (SIGRTMIN is 34 in a program: glibc
// keeps the first two for itself).
const (
	libcSIGRTMIN = 34
	libcSIGRTMAX = linux.NSIG
)

// signalAliases are the other names util-linux knows a signal by.
var signalAliases = map[string]int{"IOT": 6, "CLD": 17, "POLL": 29}

// signalByName is signame_to_signum: a name with or without "SIG", in
// any case, or RTMIN+N, RTMAX-N, RTN; never a bare number. -1 if unknown.
func signalByName(s string) int {
	if len(s) >= 3 && strings.EqualFold(s[:3], "sig") {
		s = s[3:]
	}
	if len(s) >= 2 && strings.EqualFold(s[:2], "rt") {
		return rtSignal(s[2:])
	}
	for n, name := range linux.SignalNames {
		if name != "" && strings.EqualFold(name, s) {
			return n
		}
	}
	for name, n := range signalAliases {
		if strings.EqualFold(name, s) {
			return n
		}
	}
	return -1
}

// rtSignal reads what follows "RT": "MIN+N", "MAX-N" or "N".
func rtSignal(s string) int {
	base, sign := libcSIGRTMIN, 1
	switch {
	case len(s) >= 4 && strings.EqualFold(s[:4], "min+"):
		s = s[4:]
	case len(s) >= 4 && strings.EqualFold(s[:4], "max-"):
		base, sign, s = libcSIGRTMAX, -1, s[4:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return -1
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil {
		return -1
	}
	num := base + sign*n
	if num < libcSIGRTMIN || num > libcSIGRTMAX {
		return -1
	}
	return num
}

// signalName is signum_to_signame: the name without "SIG", "" for none.
func signalName(n int) string {
	if n > 0 && n < len(linux.SignalNames) {
		return linux.SignalNames[n]
	}
	return ""
}

// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// base64Applet is coreutils' base64: encode FILE (or standard input),
// wrapping at -w columns (76; 0 never wraps), or decode it with -d,
// ignoring newlines and, with -i, other characters outside the alphabet.
func base64Applet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]"
	fs.About = `Write FILE (or standard input) in base64 on standard output, or with -d
decode it.`
	decode := fs.BoolP("decode", "d", false, "decode the input instead of encoding it")
	garbage := fs.BoolP("ignore-garbage", "i", false, "when decoding, skip characters outside the alphabet")
	wrapArg := fs.StringP("wrap", "w", "76", "break encoded lines after COLS characters (0: never)")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) > 1 {
		c.Errorf("extra operand %s", c.Quote(ops[1]))
		return 1
	}
	wrap, ok := wrapSize(*wrapArg)
	if !ok {
		c.Errorf("invalid wrap size: %s", c.QuoteArg(*wrapArg))
		return 1
	}
	data, err := c.slurp(append(ops, "-")[0])
	if err != nil {
		return 1
	}
	if *decode {
		return c.base64Decode(data, *garbage)
	}
	enc := base64.StdEncoding.EncodeToString(data)
	for wrap > 0 && len(enc) > wrap {
		c.Out.WriteString(enc[:wrap] + "\n")
		enc = enc[wrap:]
	}
	if enc != "" || wrap == 0 {
		c.Out.WriteString(enc + "\n")
	}
	if c.writeFailed(false) {
		return 1
	}
	return 0
}

// base64Decode writes what decodes before the first bad character and then
// fails, as coreutils does.
func (c *cmd) base64Decode(data []byte, garbage bool) int {
	clean := make([]byte, 0, len(data))
	for _, b := range data {
		switch {
		case b == '\n':
		case garbage && !bytes.ContainsRune([]byte(base64Alphabet), rune(b)):
		default:
			clean = append(clean, b)
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	c.Out.Write(out[:n])
	if err != nil {
		c.Errorf("invalid input")
		return 1
	}
	return 0
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="

// wrapSize reads -w's column count: decimal digits after optional blanks
// and '+'; a count too big for an int is as good as no wrapping.
func wrapSize(arg string) (int, bool) {
	digits := strings.TrimPrefix(strings.TrimLeft(arg, " \t\n\v\f\r"), "+")
	if digits == "" {
		return 0, false
	}
	n := 0
	for _, ch := range digits {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		if n < 1<<40 {
			n = n*10 + int(ch-'0')
		}
	}
	return n, true
}

// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strconv"
	"strings"
)

// sort's obsolete key syntax, +POS1 [-POS2]: fields and characters
// counted from zero, "+A.x -B.y" being "-k A+1.x+1,B.y" when y is 0 and
// "-k A+1.x+1,B+1.y" otherwise, ordering letters after either part.
// coreutils 9 takes it unless _POSIX2_VERSION names a POSIX edition from
// 2001 up to (not including) 2008, and even then when a -POS2 follows
// (without POSIXLY_CORRECT). A +POS1 that does not parse is a file name.
//
// The keys are picked out of the command line before the options are
// parsed, because "-2" would otherwise be an option: each remembers how
// many -k keys came before it, so that all keys keep their order.

// obsoleteKey is one +POS1 [-POS2] key.
type obsoleteKey struct {
	key *sortKey
	// after is the number of -k keys before it on the command line.
	after int
}

// sortTakesArg are sort's options with a required argument: the short
// letters, and the long names with a flag saying whether they take one
// (all of them, for abbreviations).
const sortShortWithArg = "koStTy"

var sortLongOpts = map[string]bool{
	"ignore-leading-blanks": false, "check": false, "compress-program": true, "debug": false,
	"dictionary-order": false, "ignore-case": false, "files0-from": true, "general-numeric-sort": false,
	"ignore-nonprinting": false, "key": true, "merge": false, "month-sort": false, "numeric-sort": false,
	"human-numeric-sort": false, "version-sort": false, "random-sort": false, "random-source": true,
	"sort": true, "output": true, "reverse": false, "stable": false, "batch-size": true,
	"buffer-size": true, "field-separator": true, "temporary-directory": true, "unique": false,
	"zero-terminated": false, "parallel": true, "help": false, "version": false,
}

// sortTraditional reports whether +POS1 alone is a key: the POSIX
// edition _POSIX2_VERSION names (2008's by default) allows it.
func (c *sortRun) traditional() bool {
	v, err := strconv.Atoi(c.Getenv("_POSIX2_VERSION"))
	if err != nil {
		v = 200809
	}
	return !(200112 <= v && v < 200809)
}

// sortPickObsolete takes the obsolete keys out of args; the rest is what
// the option parser reads. A bad -POS2 is an error to report.
func (c *sortRun) pickObsolete(args []string) (rest []string, keys []obsoleteKey, err error) {
	traditional := c.traditional()
	posixly := c.EnvSet("POSIXLY_CORRECT")
	kOpts := 0
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(rest, args[i:]...), keys, nil
		case strings.HasPrefix(a, "--"):
			if takesArg, isKey := sortLongArg(a[2:]); takesArg {
				kOpts += isKey
				rest = append(rest, a)
				if !strings.Contains(a, "=") && i+1 < len(args) {
					i++
					rest = append(rest, args[i])
				}
				continue
			}
		case len(a) > 1 && a[0] == '-':
			n, consumesNext := sortShortArgs(a[1:])
			kOpts += n
			rest = append(rest, a)
			if consumesNext && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
			continue
		case len(a) > 1 && a[0] == '+':
			endNext := i+1 < len(args) && len(args[i+1]) > 1 && args[i+1][0] == '-' && isDigit(args[i+1][1])
			if traditional || endNext && !posixly {
				if k := sortObsoleteStart(a[1:]); k != nil {
					if endNext {
						i++
						if err := k.obsoleteEnd(args[i], c.QuoteArg); err != nil {
							return nil, nil, err
						}
					}
					keys = append(keys, obsoleteKey{key: k, after: kOpts})
					continue
				}
			}
		}
		if posixly && !strings.HasPrefix(a, "--") {
			// The first operand ends the options: the rest are files.
			return append(rest, args[i:]...), keys, nil
		}
		rest = append(rest, a)
	}
	return rest, keys, nil
}

// sortLongArg looks up a long option (NAME or NAME=VALUE, perhaps
// abbreviated): whether it takes a required argument, and whether it
// is --key (1) for the count of keys.
func sortLongArg(word string) (takesArg bool, isKey int) {
	name, _, _ := strings.Cut(word, "=")
	match := ""
	for long := range sortLongOpts {
		if long == name {
			match = long
			break
		}
		if strings.HasPrefix(long, name) {
			if match != "" {
				return false, 0 // ambiguous: the parser will say so
			}
			match = long
		}
	}
	if match == "" || !sortLongOpts[match] {
		return false, 0
	}
	if match == "key" {
		isKey = 1
	}
	return true, isKey
}

// sortShortArgs walks a cluster of short options: how many are -k, and
// whether the last one takes the next word as its argument.
func sortShortArgs(cluster string) (keys int, consumesNext bool) {
	for j := 0; j < len(cluster); j++ {
		if strings.IndexByte(sortShortWithArg, cluster[j]) < 0 {
			continue
		}
		if cluster[j] == 'k' {
			keys++
		}
		return keys, j == len(cluster)-1
	}
	return keys, false
}

// sortObsoleteStart parses POS1 of +POS1 ("A[.x][OPTS]"), nil if it is
// not one.
func sortObsoleteStart(pos string) *sortKey {
	field, rest, ok := sortObsoleteCount(pos)
	if !ok {
		return nil
	}
	char := 0
	if strings.HasPrefix(rest, ".") {
		if char, rest, ok = sortObsoleteCount(rest[1:]); !ok {
			return nil
		}
	}
	k := &sortKey{startField: field, startChar: char, endField: sortNoField}
	if field == 0 && char == 0 {
		k.startField = sortNoField
	}
	if k.setOrdering(rest, sortBlankStart) != "" {
		return nil
	}
	k.obsolete = [2]string{"+" + strconv.Itoa(field), "-k " + strconv.Itoa(field+1)}
	return k
}

// obsoleteEnd parses -POS2 ("-B[.y][OPTS]"), whose faults are errors.
func (k *sortKey) obsoleteEnd(word string, quote func(string) string) error {
	field, rest, err := sortFieldCount(word[1:], "invalid number after '-'", quote)
	if err != nil {
		return err
	}
	char := 0
	if strings.HasPrefix(rest, ".") {
		if char, rest, err = sortFieldCount(rest[1:], "invalid number after '.'", quote); err != nil {
			return err
		}
	}
	// -B ends with field B (counted from 1) as a whole; -B.y (y > 0) at
	// character y of the field after it.
	k.endField, k.endChar = field, char
	if char == 0 && field > 0 {
		k.endField = field - 1
	}
	if k.setOrdering(rest, sortBlankEnd) != "" {
		return sortBadField(quote, word, "stray character in field spec")
	}
	end := strconv.Itoa(k.endField + 1)
	k.obsolete[0] += " -" + end
	k.obsolete[1] += "," + end
	return nil
}

// sortObsoleteCount reads the decimal count at the start of s.
func sortObsoleteCount(s string) (int, string, bool) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		n = int(^uint(0) >> 1)
	}
	return n, s[i:], true
}

// insertObsolete puts the obsolete keys among the -k keys in command-line
// order.
func (s *sortSettings) insertObsolete(keys []obsoleteKey) {
	if len(keys) == 0 {
		return
	}
	var all []*sortKey
	next := 0
	for i, k := range s.order.keys {
		for next < len(keys) && keys[next].after == i {
			all = append(all, keys[next].key)
			next++
		}
		all = append(all, k)
	}
	for ; next < len(keys); next++ {
		all = append(all, keys[next].key)
	}
	s.order.keys = all
}

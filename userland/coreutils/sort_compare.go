// SPDX-License-Identifier: Apache-2.0

package coreutils

import "bytes"

// sortOrder is how sort compares two lines: the keys in turn, then
// (unless -s or -u) the whole lines as bytes, the last resort that -r
// alone reverses.
type sortOrder struct {
	keys           []*sortKey
	tab            int // the -t byte, -1 for blank-separated fields
	stable, unique bool
	reverse        bool // the global -r
	random         *sortRandom
}

// compare orders lines a and b (without their ends).
func (o *sortOrder) compare(a, b []byte) int {
	if len(o.keys) > 0 {
		if d := o.compareKeys(a, b); d != 0 || o.unique || o.stable {
			return d
		}
	}
	d := bytes.Compare(a, b)
	if o.reverse {
		return -d
	}
	return d
}

// compareKeys compares the keys of two lines in turn, up to the first
// that differs.
func (o *sortOrder) compareKeys(a, b []byte) int {
	for _, k := range o.keys {
		ka, kb := o.field(k, a), o.field(k, b)
		var d int
		switch {
		case k.special():
			d = o.compareSpecial(k, k.translated(ka), k.translated(kb))
		case k.ignore != nil:
			d = k.compareIgnoring(ka, kb)
		case k.fold:
			d = sortCompareFolded(ka, kb)
		default:
			d = bytes.Compare(ka, kb)
		}
		if d != 0 {
			if k.reverse {
				return -d
			}
			return d
		}
	}
	return 0
}

// field is the text of key k in line; a key ending before it starts is
// empty.
func (o *sortOrder) field(k *sortKey, line []byte) []byte {
	start, end := k.begin(line, o.tab), k.end(line, o.tab)
	if end < start {
		end = start
	}
	return line[start:end]
}

// translated is a key's text with the ignored bytes left out and, with
// -f, lower case folded to upper case.
func (k *sortKey) translated(s []byte) []byte {
	if k.ignore == nil && !k.fold {
		return s
	}
	t := make([]byte, 0, len(s))
	for _, c := range s {
		if k.ignore != nil && k.ignore[c] {
			continue
		}
		if k.fold {
			c = sortUpper(c)
		}
		t = append(t, c)
	}
	return t
}

// compareSpecial compares two key texts by the key's own order.
func (o *sortOrder) compareSpecial(k *sortKey, a, b []byte) int {
	switch {
	case k.numeric:
		return sortCompareNumeric(a, b)
	case k.general:
		return sortCompareGeneral(a, b)
	case k.human:
		return sortCompareHuman(a, b)
	case k.month:
		return sortMonth(a) - sortMonth(b)
	case k.random:
		return o.random.compare(a, b)
	}
	return fileVersionCompare(string(a), string(b))
}

// compareIgnoring compares two texts as bytes (folded with -f), passing
// over the bytes the key ignores.
func (k *sortKey) compareIgnoring(a, b []byte) int {
	i, j := 0, 0
	for {
		for i < len(a) && k.ignore[a[i]] {
			i++
		}
		for j < len(b) && k.ignore[b[j]] {
			j++
		}
		if i == len(a) || j == len(b) {
			return boolCompare(i < len(a), j < len(b))
		}
		x, y := a[i], b[j]
		if k.fold {
			x, y = sortUpper(x), sortUpper(y)
		}
		if x != y {
			return int(x) - int(y)
		}
		i++
		j++
	}
}

// sortCompareFolded compares two texts byte by byte with lower case
// folded to upper case, then by length.
func sortCompareFolded(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if x, y := sortUpper(a[i]), sortUpper(b[i]); x != y {
			return int(x) - int(y)
		}
	}
	return len(a) - len(b)
}

func sortUpper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// SPDX-License-Identifier: Apache-2.0

package coreutils

// ddStage is one conv= transform in the staged copy. convert may keep
// bytes back (a half pair, an unfinished record); flush returns them
// when the input ends.
type ddStage interface {
	convert(b []byte) []byte
	flush() []byte
}

// ddStages builds the transforms the plan asks for, in the order they
// apply: case, then byte swapping, then records.
func ddStages(p *ddPlan, st *ddStats) []ddStage {
	var out []ddStage
	switch {
	case p.conv&ddConvLcase != 0:
		out = append(out, ddRecase{from: 'A', to: 'a'})
	case p.conv&ddConvUcase != 0:
		out = append(out, ddRecase{from: 'a', to: 'A'})
	}
	if p.conv&ddConvSwab != 0 {
		out = append(out, &ddSwapper{})
	}
	switch {
	case p.conv&ddConvBlock != 0:
		out = append(out, &ddBlocker{width: int(p.cbs), stats: st})
	case p.conv&ddConvUnblock != 0:
		out = append(out, &ddUnblocker{width: int(p.cbs)})
	}
	return out
}

// ddRecase maps the 26 ASCII letters starting at from onto those
// starting at to (the C locale's toupper or tolower).
type ddRecase struct{ from, to byte }

func (r ddRecase) convert(b []byte) []byte {
	for i, x := range b {
		if x >= r.from && x < r.from+26 {
			b[i] = x - r.from + r.to
		}
	}
	return b
}

func (ddRecase) flush() []byte { return nil }

// ddSwapper exchanges the bytes of each pair over the whole stream; an
// odd byte waits for the next block and goes out unpaired at the end.
type ddSwapper struct {
	odd  byte
	held bool
}

func (s *ddSwapper) convert(b []byte) []byte {
	in := b
	if s.held {
		in = append([]byte{s.odd}, b...)
		s.held = false
	}
	if len(in)%2 != 0 {
		s.odd, s.held = in[len(in)-1], true
		in = in[:len(in)-1]
	}
	out := make([]byte, len(in))
	for i := 0; i < len(in); i += 2 {
		out[i], out[i+1] = in[i+1], in[i]
	}
	return out
}

func (s *ddSwapper) flush() []byte {
	if !s.held {
		return nil
	}
	s.held = false
	return []byte{s.odd}
}

// ddBlocker is conv=block: lines become fixed records of width bytes,
// padded with spaces; the excess of a longer line is dropped and the
// line counted as truncated.
type ddBlocker struct {
	width int
	used  int // bytes of the current line seen so far
	stats *ddStats
}

func (k *ddBlocker) convert(b []byte) []byte {
	var out []byte
	for _, x := range b {
		if x == '\n' {
			out = k.pad(out)
			continue
		}
		if k.used < k.width {
			out = append(out, x)
		} else if k.used == k.width {
			k.stats.cut++
		}
		k.used++
	}
	return out
}

// pad ends the current record.
func (k *ddBlocker) pad(out []byte) []byte {
	for ; k.used < k.width; k.used++ {
		out = append(out, ' ')
	}
	k.used = 0
	return out
}

func (k *ddBlocker) flush() []byte {
	if k.used == 0 {
		return nil
	}
	return k.pad(nil)
}

// ddUnblocker is conv=unblock: each width-byte record loses its
// trailing spaces and becomes a line.
type ddUnblocker struct {
	width  int
	record []byte
}

func (u *ddUnblocker) convert(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		k := min(len(b), u.width-len(u.record))
		u.record = append(u.record, b[:k]...)
		b = b[k:]
		if len(u.record) == u.width {
			out = u.line(out)
		}
	}
	return out
}

// line emits the current record as a line.
func (u *ddUnblocker) line(out []byte) []byte {
	end := len(u.record)
	for end > 0 && u.record[end-1] == ' ' {
		end--
	}
	out = append(append(out, u.record[:end]...), '\n')
	u.record = u.record[:0]
	return out
}

func (u *ddUnblocker) flush() []byte {
	if len(u.record) == 0 {
		return nil
	}
	return u.line(nil)
}

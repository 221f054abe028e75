// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"encoding/hex"
	"strings"
)

// makeImage lays out the filesystem the settings ask for on a device
// of devBytes bytes.
func (s *settings) makeImage(devBytes uint64) (*image, error) {
	p, _, err := s.decide(devBytes)
	if err != nil {
		return nil, err
	}
	g, err := newGeometry(p)
	if err != nil {
		return nil, err
	}
	if p.journalBlocks, err = s.journalSize(p, g); err != nil {
		return nil, err
	}
	tooSmall := false
	if p.journalBlocks == 0 && p.feat.compat&compatHasJournal != 0 {
		tooSmall = true
		p.feat.compat &^= compatHasJournal
		g.feat.compat &^= compatHasJournal
	}
	m, err := build(p, g)
	if err != nil && tooSmall {
		return nil, noJournalError{err} // the notice comes first
	}
	if err != nil {
		return nil, err
	}
	m.tooSmallForJournal = tooSmall
	m.finish()
	return m, nil
}

// noJournalError is a layout that failed after it dropped the journal it
// had no room for: mke2fs says so before the failure.
type noJournalError struct{ error }

func (e noJournalError) Unwrap() error { return e.error }

// parseUUID reads a UUID's 36-character form.
func parseUUID(s string) ([16]byte, bool) {
	var u [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil {
		return u, false
	}
	copy(u[:], b)
	return u, true
}

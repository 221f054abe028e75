// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"errors"
	"io"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// sortRandom is -R's order: keys compare by the MD5 digest of a random
// salt followed by the key, so that equal keys stay together. With
// --random-source the salt is the file's first 16 bytes, and the order
// is the one GNU sort gives with that file.
type sortRandom struct {
	salt [16]byte
}

// newSortRandom reads the salt, from the random source if one is named.
func (c *sortRun) newRandom(source string) (*sortRandom, bool) {
	r := &sortRandom{}
	if source == "" {
		rand.Read(r.salt[:])
		return r, true
	}
	f, err := c.openInput(source)
	if err != nil {
		c.Errorf("open failed: %s: %s", c.QuoteName(source), applet.ErrText(err))
		return nil, false
	}
	defer f.Close()
	if _, err := io.ReadFull(f, r.salt[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			c.Errorf("%s: end of file", c.QuoteArg(source))
		} else {
			c.Errorf("%s: %s", c.QuoteArg(source), applet.ErrText(err))
		}
		return nil, false
	}
	return r, true
}

// compare orders two keys by their salted digests, and by their bytes
// in the unlikely case the digests are equal.
func (r *sortRandom) compare(a, b []byte) int {
	da, db := r.digest(a), r.digest(b)
	if d := bytes.Compare(da[:], db[:]); d != 0 {
		return d
	}
	return bytes.Compare(a, b)
}

func (r *sortRandom) digest(s []byte) [md5.Size]byte {
	h := md5.New()
	h.Write(r.salt[:])
	h.Write(s)
	var d [md5.Size]byte
	h.Sum(d[:0])
	return d
}

// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// drain reads every item, with the error that stopped it.
func drain(w *xargsWords) ([]xargsItem, error) {
	var items []xargsItem
	for {
		it, ok, err := w.next()
		if err != nil || !ok {
			return items, err
		}
		items = append(items, it)
	}
}

func TestXargsWordsItems(t *testing.T) {
	words := func(in string) *xargsWords {
		return &xargsWords{src: bufio.NewReader(strings.NewReader(in)), maxLen: 100, warn: func() {}}
	}
	for _, tc := range []struct {
		name string
		w    *xargsWords
		want []xargsItem
	}{
		{"lines", words("a b\n\n c\n"), []xargsItem{{"a", false}, {"b", true}, {"c", true}}},
		{"blank continues", words("a \nb"), []xargsItem{{"a", false}, {"b", false}}},
		{"quotes", words(`'a b'"c" d\ e` + "\n"), []xargsItem{{"a bc", false}, {"d e", true}}},
		{"eof mark", &xargsWords{src: bufio.NewReader(strings.NewReader("a E b\n")), maxLen: 100, endMark: "E"},
			[]xargsItem{{"a", false}}},
		{"delimited", &xargsWords{src: bufio.NewReader(strings.NewReader("a::b")), delimited: true, delim: ':', maxLen: 100},
			[]xargsItem{{"a", true}, {"", true}, {"b", false}}},
	} {
		got, err := drain(tc.w)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestXargsWordsErrors(t *testing.T) {
	for in, want := range map[string]string{
		"ok 'open\n": "unmatched single quote",
		"abcdef":     "argument line too long",
	} {
		w := &xargsWords{src: bufio.NewReader(strings.NewReader(in)), maxLen: 4, warn: func() {}}
		_, err := drain(w)
		var bad xargsBadInput
		if !errors.As(err, &bad) || !strings.HasPrefix(string(bad), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

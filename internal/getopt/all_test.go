// SPDX-License-Identifier: Apache-2.0

package getopt

import (
	"reflect"
	"testing"
)

// TestParseAllGoesOn: an unknown letter is reported after the ones before
// it; operands come in place with InPlace; a single
// dash long option with LongOnly.
func TestParseAllGoesOn(t *testing.T) {
	p := Parser{Options: []Option{{Short: 'a'}, {Short: 'b', Arg: RequiredArg}, {Long: "long", ID: 300}}}
	var errs []string
	opts, ops := p.ParseAll([]string{"-ax", "op", "-long", "-bv"}, Loop{InPlace: true, LongOnly: true}, func(e *Error) { errs = append(errs, e.Msg) })
	var ids []int
	for _, o := range opts {
		ids = append(ids, o.ID)
	}
	if !reflect.DeepEqual(ids, []int{'a', OperandID, 300, 'b'}) || len(ops) != 0 || !reflect.DeepEqual(errs, []string{"invalid option -- 'x'"}) {
		t.Errorf("ids %v operands %q errors %q", ids, ops, errs)
	}
}

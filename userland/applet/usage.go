// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// FlagSet returns a pflag set for GNU-style options: combined short flags,
// "--", options after operands. Diagnostics are printed by parse.
func (c *Cmd) FlagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// Parse parses the arguments and returns the operands; false means a usage
// error was reported and the applet should return c.usageStatus.
func (c *Cmd) Parse(fs *pflag.FlagSet) ([]string, bool) {
	if err := fs.Parse(c.Args); err != nil {
		c.UsageError(err)
		return nil, false
	}
	return fs.Args(), true
}

// UsageError prints getopt's wording of a pflag error.
func (c *Cmd) UsageError(err error) {
	var ne *pflag.NotExistError
	var ve *pflag.ValueRequiredError
	switch {
	case errors.Is(err, pflag.ErrHelp):
		c.Errorf("invalid option -- 'h'")
	case errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "":
		c.Errorf("invalid option -- '%s'", ne.GetSpecifiedName()[:1])
	case errors.As(err, &ne):
		c.Errorf("unrecognized option '--%s'", ne.GetSpecifiedName())
	case errors.As(err, &ve) && ve.GetSpecifiedShortnames() != "":
		c.Errorf("option requires an argument -- '%s'", ve.GetSpecifiedName()[:1])
	case errors.As(err, &ve):
		c.Errorf("option '--%s' requires an argument", ve.GetSpecifiedName())
	default:
		c.Errorf("%s", err)
	}
	c.TryHelp()
}

// TryHelp ends a usage diagnostic.
func (c *Cmd) TryHelp() {
	if c.UsageLine != "" {
		fmt.Fprintln(c.Errw, c.UsageLine)
	}
	fmt.Fprintf(c.Errw, "Try '%s --help' for more information.\n", c.Name)
}

// MissingOperand reports a command line without enough operands.
func (c *Cmd) MissingOperand(after string) int {
	if after == "" {
		c.Errorf("missing operand")
	} else {
		c.Errorf("missing destination file operand after %s", QuoteArg(after))
	}
	c.TryHelp()
	return 1
}

// ExtraOperand reports one operand too many.
func (c *Cmd) ExtraOperand(op string) int {
	c.Errorf("extra operand %s", QuoteArg(op))
	c.TryHelp()
	return 1
}

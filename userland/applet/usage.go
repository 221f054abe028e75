// SPDX-License-Identifier: Apache-2.0

package applet

import "fmt"

// TryHelp ends a usage diagnostic.
func (c *Cmd) TryHelp() {
	if c.UsageLine != "" {
		fmt.Fprintln(c.Errw, c.UsageLine)
	}
	name := c.Name
	if c.HelpName != "" {
		name = c.HelpName
	}
	format := c.TryFormat
	if format == "" {
		format = "Try '%[1]s --help' for more information.\n"
	}
	fmt.Fprintf(c.Errw, format, name)
}

// ArgpTry is the try-help line of the programs built on glibc's argp.
const ArgpTry = "Try '%[1]s --help' or '%[1]s --usage' for more information.\n"

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

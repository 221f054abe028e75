// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/size"
)

// df(1): space and inodes of mounted file systems. The pieces: this file
// reads the command line, df_mounts.go the mount table and which of its
// entries a full listing shows, df_operands.go which file system holds a
// FILE operand, df_usage.go the statfs numbers, df_table.go the columns.

// dfLayout is the set of columns the options ask for.
type dfLayout uint8

const (
	dfLayoutBlocks dfLayout = iota // the default
	dfLayoutInodes                 // -i
	dfLayoutHuman                  // -h, -H or a human block size
	dfLayoutPOSIX                  // -P
	dfLayoutOutput                 // --output
)

// dfSettings is what the command line asks for.
type dfSettings struct {
	all, local, posix, withType, total bool
	layout                             dfLayout
	columns                            []dfColumnKind // --output's, in order
	units                              size.BlockSize
	unitsGiven                         bool
	onlyTypes, skipTypes               []string
}

const (
	dfOptOutput = 256 + iota
	dfOptSync
	dfOptNoSync
	dfOptTotal
	dfOptHelp
	dfOptVersion
)

var dfOptionTable = []getopt.Option{
	{Short: 'a', Long: "all"},
	{Short: 'B', Long: "block-size", Arg: getopt.RequiredArg},
	{Short: 'i', Long: "inodes"},
	{Short: 'h', Long: "human-readable"},
	{Short: 'H', Long: "si"},
	{Short: 'l', Long: "local"},
	{Long: "output", Arg: getopt.OptionalArg, ID: dfOptOutput},
	{Short: 'P', Long: "portability"},
	{Short: 'T', Long: "print-type"},
	{Long: "sync", ID: dfOptSync},
	{Long: "no-sync", ID: dfOptNoSync},
	{Long: "total", ID: dfOptTotal},
	{Short: 't', Long: "type", Arg: getopt.RequiredArg},
	{Short: 'x', Long: "exclude-type", Arg: getopt.RequiredArg},
	{Long: "help", ID: dfOptHelp},
	{Long: "version", ID: dfOptVersion},
	{Short: 'F', Arg: getopt.RequiredArg},
	{Short: 'k'},
	{Short: 'm'},
	{Short: 'v'},
}

const dfHelp = `Usage: df [OPTION]... [FILE]...
Report how full mounted file systems are: each one holding a FILE, or
every mounted one when no FILE is named.

Choosing file systems:
  -a, --all                 include pseudo, duplicate and unreachable ones
  -l, --local               leave out network file systems
  -t, --type=TYPE           show only file systems of TYPE; repeatable
  -x, --exclude-type=TYPE   leave out file systems of TYPE; repeatable

Choosing columns:
  -i, --inodes              count inodes rather than blocks
  -T, --print-type          add the file system type
      --output[=FIELDS]     exactly the columns FIELDS names, comma-
                            separated; a bare --output shows all:
                            source fstype itotal iused iavail ipcent
                            size used avail pcent file target
      --total               end with a line adding everything up
  -P, --portability         POSIX's layout: a file system a line

Units:
  -B, --block-size=SIZE     count in blocks of SIZE bytes; SIZE may end in
                            K M G T P E Z Y (powers of 1024) or KB MB ...
                            (powers of 1000); a unit alone is also printed
  -h, --human-readable      pick a unit per number, powers of 1024 (1.5G)
  -H, --si                  the same with powers of 1000
  -k                        1024-byte blocks
Without these, DF_BLOCK_SIZE, BLOCK_SIZE or BLOCKSIZE sets the block
size; the default is 1024 bytes, 512 when POSIXLY_CORRECT is set.

      --sync, --no-sync, -v are accepted and do nothing.
      --help                print this help
      --version             print the version
`

// dfParse reads the command line. done is set when df should stop with
// status (help, version, a usage error).
func dfParse(c *cmd) (s *dfSettings, files []string, status int, done bool) {
	s = &dfSettings{}
	parser := getopt.Parser{Options: dfOptionTable}
	parsed, files, err := parser.Parse(c.Args)
	if err != nil {
		c.Errorf("%s", err)
		c.TryHelp()
		return nil, nil, 1, true
	}
	clash := func(a, b string) (*dfSettings, []string, int, bool) {
		c.Errorf("options %s and %s are mutually exclusive", a, b)
		c.TryHelp()
		return nil, nil, 1, true
	}
	for _, p := range parsed {
		switch p.ID {
		case 'a':
			s.all = true
		case 'l':
			s.local = true
		case 'B':
			b, problem := size.BlockSizeOption(p.Value, c.lookupEnv)
			if problem != 0 {
				dfBlockSizeError(c, p, problem)
				return nil, nil, 1, true
			}
			s.units, s.unitsGiven = b, true
		case 'h':
			s.units, s.unitsGiven = size.BlockSize{Size: 1, Style: size.Human}, true
		case 'H':
			s.units, s.unitsGiven = size.BlockSize{Size: 1, Style: size.HumanSI}, true
		case 'k':
			s.units, s.unitsGiven = size.BlockSize{Size: 1024}, true
		case 'm':
			s.units, s.unitsGiven = size.BlockSize{Size: 1 << 20}, true
		case 'i':
			if s.layout == dfLayoutOutput {
				return clash("-i", "--output")
			}
			s.layout = dfLayoutInodes
		case 'T':
			if s.layout == dfLayoutOutput {
				return clash("-T", "--output")
			}
			s.withType = true
		case 'P':
			if s.layout == dfLayoutOutput {
				return clash("-P", "--output")
			}
			s.posix = true
		case 't', 'F':
			s.onlyTypes = append(s.onlyTypes, p.Value)
		case 'x':
			s.skipTypes = append(s.skipTypes, p.Value)
		case dfOptTotal:
			s.total = true
		case dfOptOutput:
			switch {
			case s.layout == dfLayoutInodes:
				return clash("-i", "--output")
			case s.posix && s.layout != dfLayoutOutput:
				return clash("-P", "--output")
			case s.withType:
				return clash("-T", "--output")
			}
			s.layout = dfLayoutOutput
			if p.HasValue && !s.addOutputColumns(c, p.Value) {
				c.TryHelp()
				return nil, nil, 1, true
			}
		case dfOptHelp:
			c.Out.WriteString(dfHelp)
			return nil, nil, 0, true
		case dfOptVersion:
			c.Out.WriteString("df (linuxvfs) " + Version + "\n")
			return nil, nil, 0, true
		}
	}
	s.settle(c)
	// Every type both asked for and refused is reported, the last -t
	// first.
	clashed := false
	for i := len(s.onlyTypes) - 1; i >= 0; i-- {
		if t := s.onlyTypes[i]; dfListed(s.skipTypes, t) {
			c.Errorf("file system type %s both selected and excluded", c.QuoteArg(t))
			clashed = true
		}
	}
	if clashed {
		return nil, nil, 1, true
	}
	return s, files, 0, false
}

// settle fills in the block size the options left open and the layout
// it implies.
func (s *dfSettings) settle(c *cmd) {
	switch {
	case s.unitsGiven:
	case s.posix:
		s.units = size.BlockSize{Size: size.DefaultBlockSize(c.lookupEnv)}
	default:
		s.units, _ = size.BlockSizeFromEnv("DF_BLOCK_SIZE", c.lookupEnv)
	}
	if s.layout == dfLayoutBlocks {
		switch {
		case s.units.Style.Scale:
			s.layout = dfLayoutHuman
		case s.posix:
			s.layout = dfLayoutPOSIX
		}
	}
}

// dfBlockSizeError reports a bad -B value the way df words it.
func dfBlockSizeError(c *cmd, p getopt.Parsed, problem size.Problem) {
	opt := "-B"
	if strings.HasPrefix(p.Name, "--") {
		opt = "--block-size"
	}
	switch {
	case problem&size.BadSuffix != 0:
		c.Errorf("invalid suffix in %s argument '%s'", opt, p.Value)
	case problem == size.TooBig:
		c.Errorf("%s argument '%s' too large", opt, p.Value)
	default:
		c.Errorf("invalid %s argument '%s'", opt, p.Value)
	}
}

// dfListed is whether fstype is among types.
func dfListed(types []string, fstype string) bool {
	for _, t := range types {
		if t == fstype {
			return true
		}
	}
	return false
}

// wantsType is whether -t and -x let a file system of fstype ("" for
// unknown) through.
func (s *dfSettings) wantsType(fstype string) bool {
	if fstype == "" {
		return true
	}
	if s.onlyTypes != nil && !dfListed(s.onlyTypes, fstype) {
		return false
	}
	return !dfListed(s.skipTypes, fstype)
}

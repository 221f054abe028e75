// SPDX-License-Identifier: Apache-2.0

package coreutils

// Version is linuxvfs's version, as --version reports it.
const Version = "0.1.0"

// lsHelp is ls --help: our own summary of what the applet accepts.
const lsHelp = `Usage: ls [OPTION]... [FILE]...
List the FILEs (the current directory by default), sorted by name.

Which entries:
  -a, --all              include names starting with '.'
  -A, --almost-all       the same, without '.' and '..'
  -B, --ignore-backups   leave out names ending in '~'
  -I, --ignore=PATTERN   leave out names matching the shell PATTERN
      --hide=PATTERN     the same, unless -a or -A is given
  -d, --directory        list directories as themselves
  -R, --recursive        list subdirectories too
  -L, --dereference      show what symbolic links lead to
  -H, --dereference-command-line
                         follow symbolic links given as FILE
      --dereference-command-line-symlink-to-dir
                         follow FILE symlinks that lead to a directory

Order:
  -t, -S, -X, -v, -U     by time (newest first), size (largest first),
                         extension, version, or not at all
      --sort=WORD        none, time, size, extension, version or width
  -c, -u, --time=WORD    use the status change or access time (atime,
                         ctime, birth and their synonyms)
  -f                     like -a -U, and no -l, -s or colour
  -r, --reverse          reverse the order
      --group-directories-first
                         directories before other files

Format:
  -l, -g, -o, -n         long listing; without owner; without group;
                         with numeric IDs
  -G, --no-group         no group column
      --author           an author column (the owner on Linux)
  -1, -C, -x, -m         one per line, columns, rows, commas
      --format=WORD      long, verbose, single-column, vertical,
                         horizontal, across or commas
  -w, --width=COLS       line width for -C, -x and -m (0: no limit)
  -T, --tabsize=COLS     tab stops every COLS (0: spaces only)
  -i, --inode            inode numbers
  -s, --size             allocated blocks
  -Z, --context          security context ('?': none here)
  -h, --human-readable   sizes with K, M, G (powers of 1024)
      --si               the same with powers of 1000
  -k, --kibibytes        blocks of 1024 bytes for -s and totals
      --block-size=SIZE  sizes in units of SIZE (1K, M, KB, ...)
      --full-time        -l with --time-style=full-iso
      --time-style=STYLE full-iso, long-iso, iso, locale or +FORMAT
  -F, --classify[=WHEN]  mark types with one of */=@|
      --file-type        the same without '*'
  -p                     mark directories with '/'
      --indicator-style=WORD
                         none, slash, file-type or classify
      --color[=WHEN]     colour names (WHEN: always, never, auto)
      --zero             end lines with NUL

Names:
  -N, --literal          names as they are (the default)
  -b, --escape           C escapes for unprintable bytes
  -q, --hide-control-chars
                         '?' for unprintable bytes
      --show-control-chars
                         unprintable bytes as they are
  -Q, --quote-name       show each name as "NAME"
      --quoting-style=WORD
                         literal, shell, shell-always, shell-escape,
                         shell-escape-always, c, c-maybe, escape, locale,
                         clocale

      --help             show this help
      --version          show the version

Exit status: 0 when all went well, 1 for minor problems (a subdirectory
that cannot be read), 2 for serious ones (a FILE that cannot be reached).
`

# find's tests and actions as its --help lists them: -name/-path/-regex,
# -type/-xtype, -size, -perm, owners, times, -printf directives, -ls,
# -fprint and kin, -exec/-execdir/-ok, -delete, -prune, -quit, -L/-H.
cd /tmp && rm -rf ft && mkdir ft && cd ft
mkdir -p a/b/c d
printf hello > a/h; printf '%2000s' x > a/b/big; : > a/b/c/empty; : > d/x.TXT
ln -s h a/l; ln -s nonex a/dl; chmod 755 a/h; chmod 4711 a/b/big
for f in a a/b a/b/c d a/h a/b/big a/b/c/empty d/x.TXT; do touch -d '2020-03-04 05:06:07.5' $f; done
touch -h -d '2020-03-04 05:06:07' a/l a/dl
touch -d '2021-01-01' /tmp/ft/ref
find a d | sort; echo rc=$?
find a -name '*.TXT' -o -iname '*.txt'; find . -iname '*.txt'
find . -path '*b/c*'; find . -ipath '*B/C*' -print0 | tr '\0' '|'; echo
find . -regex '.*/b.*'; find . -regex '.*\(big\|empty\)'; find . -regextype posix-extended -regex '.*(big|empty)'; find . -iregex '.*X.TXT'
find . -type f | sort; find . -type l,d | sort; find . -xtype f | sort; find . -xtype l
find . -empty | sort; find . -size -1 | sort; find . -size +1k; find . -size 4 ; find . -size 2000c; find . -size -3k -size +1k
find . -perm 755; find . -perm -4000; find . -perm /u+s; find . -perm -u=rwx -type f | sort; find . -perm /111 -type f | sort
find . -executable -type f | sort; find . -readable -name h; find . -writable -name big
find . -user root -name h; find . -group 0 -name h; find . -uid 0 -name big; find . -gid +5 ; find . -nouser; find . -nogroup
find . -newer ref; find . -newermt 2020-03-04 -type f | sort; find . ! -newer ref -name h
find . -maxdepth 1 | sort; find . -mindepth 3 | sort; find . -mindepth 2 -maxdepth 2 | sort
find a -depth | head -3
find . -name b -prune -o -type f -print | sort
find . -name h -print -quit
find . -links 2 -type d | sort; find . -links +2 | sort
find . -mtime +100 -type f | sort; find . -mtime -1 -type f; find . -mmin +5 -name h; find . -mmin -5 -name ref
find . -atime +100 -name h; find . -ctime -1 -name h; find . -amin +1 -name h
find . -lname 'h*'; find . -ilname 'NON*'
find . -name h -printf '%p|%f|%h|%P|%H|%d|%s|%m|%M|%y|%Y|%k|%b|%n|%u|%g|%U|%G|%a|%t|%TY-%Tm-%Td %TT|%A@|%T+|%-6s|%6s|%.2f|%5m|%#m\n'
find a/l a/dl -printf '%y %Y %l|\n'
find a -maxdepth 0 -printf '%h %f %P|\n'; find a/ -maxdepth 1 -printf '%h %f %P|\n' | sort
find a/h -printf 'x\cy\n'; echo; find a/h -printf '\101\t%%\n'
find a/h a/b -ls | cut -c10-
find a/h -fprint /tmp/ft/out -fprint0 /tmp/ft/out0 -fls /tmp/ft/outl -fprintf /tmp/ft/outf '%f\n'; cat /tmp/ft/out; tr '\0' '|' < /tmp/ft/out0; echo; cat /tmp/ft/outf
find . -name h -exec echo found {} \; ; find . -name 'h' -exec echo x{}y \;
find . -type f -exec echo {} + | tr ' ' '\n' | sort
find . -name h -execdir echo {} \; ; find a -name h -execdir pwd \;
find . -name h -exec false \; ; echo rc=$?
find . -name h -exec false {} + ; echo rc=$?
find . -name h -exec nosuch {} \; ; echo rc=$?
echo y | find . -name h -ok echo ok {} \; ; echo rc=$?
find . -name h , -name big; find . \( -name h -o -name big \) -print | sort; find . ! -type d ! -type l | sort; find . -not -name '*.*' -type f | sort
find . -true -a -false; find . -name h -and -type f -or -name big | sort
find nonexist; echo rc=$?
find a nonexist -maxdepth 0; echo rc=$?
find -name h; find . -samefile a/h
cp -r a e; find e -delete; ls e; echo rc=$?
mkdir -p g/h; find g -depth -name g -delete; echo rc=$?; rm -rf g
find . -xdev -name h; find . -mount -name h
find -L . -type l; find -L . -name h -type f | sort; find -H a/l -type f
find . -fstype tmpfs -name h
find . -inum $(stat -c %i a/h)
find . -files0-from /nonexist; echo rc=$?
printf 'a/h\0d\0' > /tmp/ft0; find -files0-from /tmp/ft0 | sort

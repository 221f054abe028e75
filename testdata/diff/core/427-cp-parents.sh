# cp --parents: SOURCE copied to DIRECTORY/SOURCE, the directories of its
# name made like the source's (mode less the umask; with -p/-a times,
# owners and modes afterwards; u+rwx while filled, then the source's
# mode), -v naming them unquoted, absolute and ./.. names kept as
# written, and the errors (no directory target, a file in the way, a
# missing source).
mkdir /cz; mount -t tmpfs t /cz; cd /cz; mkdir -p a/b/c dst; echo x > a/b/c/f; chmod 700 a/b; touch -d 2001-01-01 a/b
cp --parents a/b/c/f dst; find dst -printf "%p %m\n"; cp -v --parents a/b/c/f dst2; echo rc=$?; mkdir dst3; cp -v --parents a/b/c/f dst3; cp -av --parents a/b dst4; mkdir dst4; cp -av --parents a/b dst4; find dst4 -printf "%p %m %TY\n"
cp --parents /cz/a/b/c/f dst3; find dst3 | sort; cp --parents a/b/c/f a/b/c/f dst3; echo rc=$?; cp --parents ./a/../a/b/c/f dst3; echo rc=$?; find dst3 | sort
touch dst3/a; cp --parents a/b/c/f dst3; echo rc=$?; cp -r --parents a dst3/x; echo rc=$?; cp -T --parents a/b/c/f dst5; echo rc=$?
mkdir dst6; touch dst6/a; cp --parents a/b/c/f dst6; echo rc=$?; cp --parents nope/x dst6; echo rc=$?; cp --parents a/b/c/nope dst6; echo rc=$?; ls dst6
mkdir -p s/r; chmod 500 s; mkdir dst7; cp --parents -r s/r dst7; stat -c '%n %a' dst7/s dst7/s/r; cp -p --parents a/b/c/f dst8 2>&1; mkdir dst8; cp -p --parents a/b/c/f dst8; find dst8 -printf "%p %m %TY\n"
cp --parents -t dst8 a/b/c/f /cz/a/b; echo rc=$?; find dst8 | sort | tail -3; cp --parents a/b/ dst9/ 2>&1; mkdir dst9; cp -r --parents a/b/ dst9/; find dst9

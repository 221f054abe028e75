# execve finds a "#!" line's interpreter in the caller's root: in a
# chroot that has /usr (and the libraries' links) but no /bin, a script
# starting "#!/bin/sh" cannot run (ENOENT), one whose interpreter is a
# directory is denied (EACCES), one naming such a script as its
# interpreter fails as its interpreter does. dash also runs a file with
# no "#!" line through /bin/sh, bash runs it itself. The shells, chroot,
# env, xargs, find -exec and timeout report it each in its words.
R=/mnt/r; mkdir -p $R; mount -t tmpfs r $R
mkdir -p $R/usr $R/dev $R/w/dir; mount --bind /usr $R/usr; mount --bind /dev $R/dev
ln -s usr/lib $R/lib; ln -s usr/lib64 $R/lib64
printf '#!/bin/sh\necho hi\n' > $R/w/x
printf '#!/w/dir\necho hi\n' > $R/w/d
printf 'echo plain "$0"\n' > $R/w/p
printf '#!/w/x\necho nested\n' > $R/w/n
printf '#!/usr/bin/sh\necho "usr sh $0"\n' > $R/w/u
chmod +x $R/w/x $R/w/d $R/w/p $R/w/n $R/w/u
chroot $R sh -c 'cd /w; ./x; echo "x $?"; ./d; echo "d $?"; ./p; echo "p $?"; ./n; echo "n $?"; ./u; echo "u $?"
	PATH=/w:$PATH x; echo "path $?"; exec ./x; echo after'; echo "exec $?"
chroot $R bash -c 'cd /w; ./x; echo "x $?"; ./d; echo "d $?"; ./p; echo "p $?"; ./n; echo "n $?"; ./u; echo "u $?"
	PATH=/w:$PATH x; echo "path $?"; exec ./x'; echo "exec $?"
for f in x d p n u; do
	chroot $R /w/$f; echo "chroot $f $?"
	chroot $R env /w/$f; echo "env $f $?"
done
chroot $R sh -c 'echo | xargs /w/x; echo "xargs $?"
	find /w -name x -exec {} \;; echo "find $?"
	timeout 5 /w/x; echo "timeout $?"'
# Outside the chroot the same scripts run.
cd $R/w && ./x && ./u && ./p && echo "status $?"
umount $R/usr $R/dev

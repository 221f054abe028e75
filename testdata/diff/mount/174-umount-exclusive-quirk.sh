# umount's mutually exclusive options as util-linux 2.38 checks them: its
# exclusion table is not in order ({R,a} before {O,R,t}), and the check
# stops at the first row that sorts past an option, so -O is never
# recorded: -O with -t passes, -R with -t does not.
mkdir /m; mount -t tmpfs t /m
umount -O x -t y /nonexist; echo "O t: $?"
umount -R -t tmpfs /nonexist; echo "R t: $?"
umount -t tmpfs -R /nonexist; echo "t R: $?"
umount -O x -R /nonexist; echo "O R: $?"
umount -a -A; echo "a A: $?"
umount -r -R /m; echo "r R: $?"
findmnt -n -o TARGET /m

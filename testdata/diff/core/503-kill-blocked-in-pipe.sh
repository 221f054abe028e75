# A program asleep in the kernel ends when it is killed: cat opening a
# FIFO no one writes, cat reading a FIFO held open for writing, yes
# writing into a full one; wait reports 143 for the job it names.
mkfifo /tmp/ff
cat /tmp/ff & sleep 0.2; kill $!; wait $!; echo "open: $?"
exec 3<>/tmp/ff
cat /tmp/ff & sleep 0.2; kill $!; wait $!; echo "read: $?"
yes > /tmp/ff & sleep 0.2; kill $!; wait $!; echo "write: $?"
exec 3>&-
rm /tmp/ff

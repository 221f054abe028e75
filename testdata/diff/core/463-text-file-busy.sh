# A file a running program was loaded from refuses writers: opening it
# for writing (a redirection, cp over it) or truncating it is ETXTBSY
# ("Text file busy"); reading and removing it are not; once the program
# has exited it takes writes again.
cp /bin/sleep /tmp/s
/tmp/s 3 &
for i in $(seq 200); do [ "$(readlink /proc/$!/exe)" = /tmp/s ] && break; sleep 0.05; done
echo x > /tmp/s; echo "redirect $?"
cp /bin/true /tmp/s; echo "cp $?"
truncate -s 0 /tmp/s; echo "truncate $?"
cat /tmp/s >/dev/null; echo "read $?"
ln /tmp/s /tmp/s2; rm /tmp/s; echo "rm $?"
echo x >> /tmp/s2; echo "via another name $?"
wait
echo x > /tmp/s2; echo "after $?"

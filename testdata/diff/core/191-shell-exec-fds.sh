# exec N<&M copies the shell's standard stream M as it stands (a pipe, a
# redirection), and an exec mixing descriptors above 2 with 0 to 2 makes
# its redirections left to right (exec 3<&0 <f: 3 is the old input). A
# descriptor exec opens inside a group or function whose own
# redirection ends afterwards stays open: the shell keeps the files of
# its redirections above 9, out of the script's way.
echo line1 > /tmp/f; echo line2 >> /tmp/f
echo stdin-data | { exec 3<&0 < /tmp/f; read a; read b <&3; echo "a=$a b=$b"; }
echo piped | { exec 7<&0; read q <&7; echo "q=$q"; }
echo piped | { exec </tmp/f 7<&0; read q <&7; echo "after <f: q=$q"; }
{ exec 5>&1; echo "to 5" >&5; } > /tmp/o; cat /tmp/o
f() { { exec 3</tmp/f; } 2>/dev/null; }
f; read x <&3; echo "fd 3 after the function: $x"
{ exec 4</tmp/f; } 2>/dev/null; read z <&4; echo "fd 4 after the group: $z"
{ exec 6>/tmp/six; } >/dev/null; echo "into 6" >&6; cat /tmp/six
exec 3<&- 4<&- 5>&- 6>&-
for n in 3 4 5 6; do [ -e /proc/$$/fd/$n ] && echo "$n still open"; done; echo closed

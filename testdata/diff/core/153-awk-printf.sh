# printf and sprintf: every conversion, flags, widths, precisions, '*',
# mawk's 32-bit clamping of integers, %c of numbers and strings.
awk 'BEGIN { printf "%d %d %c %c %5.2s|%-4d|%x %o %u %e %G %i\n", "3x", -2.7, 65, "hello", "abc", 7, 255, 8, -1, 1234.5, 0.0001, 9 }'
awk 'BEGIN { printf "%d %d %d|%u|%c|%5c|%.3d|%+d|% d|%05.1f|%#o|%#x|%s\n", 2^63, -2^63, 1e30, 2^32, 256+65, "x", 5, 3, 3, 2.25, 8, 255, 1e6 }'
awk 'BEGIN { printf "%x|%X|%o|%#o|%#x|%x\n", 3735928559, 255, 0, 0, 0, -1 }'
awk 'BEGIN { printf "%-10s|%10s|%.3s|%.0f|%.10g|%g|%g|%g\n", "left", "right", "abcdef", 2.5, 1/3, 100000, 1000000, 0.0001234 }'
awk 'BEGIN { printf "%e|%E|%.0e|%#.0e|%20.10e|%-12.4g|%G\n", 0, 123.456, 5, 5, 123.456, 0.00001234, 1e-10 }'
awk 'BEGIN { printf "%5d|%-5d|%05d|%+05d|% 5d|%5.3d|%-+6.2f|%08.3f\n", -42, -42, -42, 42, 42, 7, 3.14159, -3.14159 }'
awk 'BEGIN { printf "%.0f %.0f %.0f %.0f %.30f\n", 0.5, 1.5, 2.5, -0.5, 0.1 }'
awk 'BEGIN { printf "%*d|%-*d|%.*f|%*s\n", 5, 1, 4, 2, 2, 3.14159, -4, "x" }'
awk 'BEGIN { printf "%5.1s|%-3c|%03s|%+s|% s\n", "xyz", "q", "a", "b", "c" }'
awk 'BEGIN { printf "%i|%5i|%-5i|%ld|%lx\n", 3.99, -2, 7, 12, 255 }'
awk 'BEGIN { printf "%s|%d|%.2f|%e\n", "inf" + 0, "inf" + 0, -log(0), log(-1) }'
awk 'BEGIN { printf "%d %d %5.1f%%\n", "nan" + 0, log(-1), 45.678 }'
awk 'BEGIN { printf "%c%c%c", 72, 105, 10; printf "%c|%c\n", "", 0 }' | od -c
awk 'BEGIN { printf "%s\n", 100000000000000000000; printf "%d\n", "0x1A" }'
awk 'BEGIN { x = "A"; printf x "\n"; printf("%s-%s\n", "a", "b"); printf "no newline" }'; echo
awk 'BEGIN { printf "" }'; echo "[empty]"
awk 'BEGIN { OFMT = "%.2f"; x = 3.14159; printf "%s %d %.3f\n", x, x, x }'

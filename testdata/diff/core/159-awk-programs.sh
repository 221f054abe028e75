# Whole awk programs of the kind scripts hold: reports, word counts,
# de-duplication, column sums, key=value parsing, reformatting.
cat > /tmp/p-data <<'D'
# inventory
apple   fruit   12  0.50
carrot  veg     7   0.25
banana  fruit   30  0.20

leek    veg     3   1.10
D
awk '
/^#/ { next }
NF == 0 { blank++; next }
{ n[$2]++; qty[$2] += $3; value += $3 * $4; lines++ }
END {
	printf "%d lines, %d blank, value %.2f\n", lines, blank, value
	printf "%-6s %3d items, %4d units\n", "fruit", n["fruit"], qty["fruit"]
	printf "%-6s %3d items, %4d units\n", "veg", n["veg"], qty["veg"]
}' /tmp/p-data
awk '{ for (i = 1; i <= NF; i++) words[tolower($i)]++ } END { for (w in words) if (words[w] > 1) print words[w], w }' <<'T' | sort -r
The cat and the dog
and THE bird and the cat
T
printf 'b\na\nb\nc\na\n' | awk '!seen[$0]++'
printf '3\n17\n5\n-2\n' | awk 'NR == 1 { min = max = $1 } { if ($1 < min) min = $1; if ($1 > max) max = $1; s += $1 } END { print min, max, s, s / NR }'
printf 'name=alice\nage=30\n# c\nempty=\n' | awk -F= '/^#/ { next } { printf "%s -> [%s]\n", $1, $2 }'
printf 'a b c\nd e f\n' | awk '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? OFS : ORS) }'
printf '1,"x",3\n4,"y",6\n' | awk -F, '{ gsub(/"/, "", $2); print $2 ":" $1 + $3 }'
printf 'root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000::/home/user:/bin/sh\n' | awk -F: '$3 >= 1000 { print $1, $6 } END { print NR " accounts" }'
awk 'BEGIN {
	n = split("banana apple cherry date", arr, " ")
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
	for (i = 1; i <= n; i++) printf "%s%s", arr[i], (i < n ? "," : "\n")
}'
seq 1 10 | awk 'NR % 3 == 0 { printf "%s\n", $0; next } { printf "%s ", $0 } END { print "" }'
seq 1 1000 | awk '{ s += $1; sq += $1 * $1 } END { print s, sq, NR }'
printf 'x 1\ny 2\nx 3\n' | awk '{ a[$1] = a[$1] (a[$1] == "" ? "" : ",") $2 } END { print "x=" a["x"], "y=" a["y"] }'
printf 'line one\nline two\n' | awk '{ printf "%3d  %s\n", NR, $0 }'
printf 'Hello World\n' | awk '{ n = split($0, c, ""); for (i = n; i > 0; i--) printf "%s", c[i]; print "" }'
awk 'BEGIN { for (i = 1; i <= 15; i++) printf "%s%s", (i % 15 == 0 ? "FizzBuzz" : i % 5 == 0 ? "Buzz" : i % 3 == 0 ? "Fizz" : i), (i < 15 ? " " : "\n") }'
printf '10.0.0.1 - GET /a 200\n10.0.0.2 - GET /b 404\n10.0.0.1 - POST /a 200\n' | awk '$5 == 200 { hits[$1]++ } END { for (h in hits) print h, hits[h] }' | sort
(set -o pipefail; awk 'BEGIN { while (1) print "y" }' | head -1; echo "endless writer: rc=$?")
seq 1 100000 | awk '{ print }' | head -2

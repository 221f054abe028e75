# Child shells and commands get the exported variables (and VAR=x
# prefixes), not the unexported ones, and start in the caller's directory
# even when it exists only inside the system under test.
export A=1
sh -c 'echo "A=$A"'
B=2 sh -c 'echo "B=$B"'
C=3
sh -c 'echo "C=[$C]"'
export C
sh -c 'echo "C=[$C]"'
mkdir /v; cd /v
sh -c pwd
unshare -m sh -c 'pwd; echo "A=$A"'
D=4 unshare -m sh -c 'echo "D=$D"'
cd /v && sh -c 'cd ..; pwd'; pwd

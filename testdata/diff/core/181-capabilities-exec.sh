# What execve leaves of the capability sets of a program without file
# capabilities: root keeps its bounding and inheritable sets as permitted
# and effective (none with the noroot securebit), any other uid only its
# ambient set; keep-caps is cleared; no_new_privs is inherited. Each line
# first drops CAP_SYS_RESOURCE from the bounding set, which a host's
# root may lack already.
S="setpriv --bounding-set -sys_resource"
$S grep -E '^(Cap|NoNew)' /proc/self/status
$S setpriv --inh-caps +kill,+chown grep Cap /proc/self/status
$S setpriv --inh-caps +kill --ambient-caps +kill grep Cap /proc/self/status
$S setpriv --securebits +noroot grep Cap /proc/self/status
$S setpriv --securebits +noroot --inh-caps +kill --ambient-caps +kill sh -c 'grep Cap /proc/self/status; setpriv -d | tail -2'
$S setpriv --securebits +no_setuid_fixup --reuid 1000 grep Cap /proc/self/status
$S setpriv --reuid 1000 --inh-caps +kill,+net_raw --ambient-caps +kill,+net_raw sh -c 'grep Cap /proc/self/status; setpriv -dd | grep capabilities'
$S setpriv --reuid 1000 --inh-caps +kill --ambient-caps +kill,+chown grep CapAmb /proc/self/status
$S setpriv --euid 1000 grep -E '^(Uid|Cap)' /proc/self/status
$S setpriv --ruid 1000 grep -E '^(Uid|Cap)' /proc/self/status
$S setpriv --nnp sh -c 'grep NoNew /proc/self/status; sh -c "grep NoNew /proc/self/status"'
$S setpriv --bounding-set -all grep Cap /proc/self/status
$S setpriv --bounding-set -all,+kill --inh-caps +kill,+chown grep Cap /proc/self/status; echo rc=$?
$S setpriv --inh-caps -all --bounding-set -kill sh -c 'grep Cap /proc/self/status; setpriv --inh-caps +kill true; echo rc=$?'

# setpriv's options as util-linux 2.38 reads them, each shown through
# setpriv -ddd run by it: capability lists (names in any case, cap_N,
# +all/-all), securebits, no_new_privs, uids and gids (numbers, strtol's
# errors), groups, the parent-death signal, and the errors of bad,
# duplicate or conflicting options with their statuses (127 when a
# change of privileges fails). Every line first drops CAP_SYS_RESOURCE
# from the bounding set, which a host's root may lack already.
B="--bounding-set -sys_resource"
for a in "--inh-caps +SYS_ADMIN" "--inh-caps +cap_sys_admin" "--inh-caps +cap_21" "--inh-caps +cap_21x" \
	"--inh-caps sys_admin" "--inh-caps +foo" "--inh-caps -all,+kill" "--inh-caps +kill," "--ambient-caps +kill" \
	"--inh-caps +kill --ambient-caps +kill" "--inh-caps +kill,+chown --ambient-caps +all" "--bounding-set -all" \
	"--inh-caps +cap_41" "--inh-caps +cap_40,-cap_40" "--nnp" "--nnp --no-new-privs" "--securebits +noroot" \
	"--securebits +keep_caps" "--securebits -all" "--securebits +all" \
	"--securebits +noroot,+noroot_locked,+no_setuid_fixup,+keep_caps_locked" "--securebits x" \
	"--securebits +bogus" "--reuid 1000" "--regid 1000" "--regid 1000 --keep-groups" "--ruid 5 --euid 6" \
	"--rgid 5 --egid 6 --clear-groups" "--init-groups" "--groups 1,2,3" "--groups 3,1,2" \
	"--groups 1,2,3 --clear-groups" "--groups 1,x" "--reuid x" "--reuid 99999999999999999999" "--reuid -1" \
	"--reuid 1000 --inh-caps +kill --ambient-caps +kill" "--pdeathsig 9" "--pdeathsig HUP" "--pdeathsig sigterm" \
	"--pdeathsig RTMIN+2" "--pdeathsig clear" "--pdeathsig keep" "--pdeathsig io" "--selinux-label x" \
	"--apparmor-profile x" "--nnp --reuid 1000 --regid 1000 --clear-groups" "--reuid 1000 --bounding-set -kill" \
	"--euid 1000 --bounding-set -kill" "--reuid 1000 --securebits +noroot" "--bogus" "-d x" "--list-caps x" \
	"--reu 5" "--re 5"; do
	echo "== $a"
	setpriv $B $a setpriv -ddd
	echo "rc=$?"
done 2>&1
setpriv; echo rc=$?
setpriv -d -d --nnp; echo rc=$?
setpriv --list-caps | head -3; echo rc=$?
setpriv --list-caps | wc -l
setpriv --nnp sh -c 'grep NoNew /proc/self/status'
setpriv --nosuch; echo rc=$?
setpriv --reuid 0 nosuchprog; echo rc=$?
setpriv --reset-env env; echo rc=$?

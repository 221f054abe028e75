# A UTS namespace's two names through hostname's other program names:
# domainname prints the kernel's "(none)" as it is, ypdomainname and
# hostname -y call it not set; set by operand or -F; an empty one is
# printed; dnsdomainname needs DNS and takes no operand. (The usage text
# the tool prints on bad usage is its own; only the status is compared.)
unshare -u sh -c '
hostname -y; echo "y=$?"
ypdomainname; echo "yp=$?"
domainname; echo "d=$?"
domainname dom; domainname; nisdomainname; hostname -y
printf "zz\n" > /tmp/dn; domainname -F /tmp/dn; cat /proc/sys/kernel/domainname
domainname ""; hostname -y; echo "empty=$?"
dnsdomainname x 2>/dev/null; echo "dnsset=$?"
hostname foo.example; hostname; hostname -s; uname -n
'

# A shell refuses an option it does not have with status 2. dash says
# "Illegal option" on line 0 (a '+' letter as '-', a long option as
# "--", an unknown -o name with -o before it) and "-c requires an
# argument"; bash names the option and follows a bad letter with its
# usage (not compared: the text is bash's), and reports an unknown -o
# name as set does, on line 0, without usage.
/bin/sh -Z 'echo x'; echo "sh -Z $?"
/bin/sh +Z -c 'echo x'; echo "sh +Z $?"
/bin/sh -xZ; echo "sh -xZ $?"
/bin/sh --foo; echo "sh --foo $?"
/bin/sh -o bogus -c 'echo x'; echo "sh -o bogus $?"
/bin/sh +o bogus; echo "sh +o bogus $?"
/bin/sh -c; echo "sh -c $?"
sh -e -Z; echo "sh named sh $?"
/bin/bash -Z 2>&1 | head -1; /bin/bash -Z 2>/dev/null; echo "bash -Z $?"
/bin/bash --foo 2>&1 | head -1
/bin/bash -o bogus -c 'echo x'; echo "bash -o bogus $?"
/bin/bash -c; echo "bash -c $?"

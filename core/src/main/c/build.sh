#!/usr/bin/env bash
# Builds nslab-tools.so (the script tools as a bash loadable builtin, nslab-tools.c) into the jar's resources, where
# gcc and bash's headers (Debian and Ubuntu: bash-builtins) are installed; elsewhere it says so and builds nothing,
# and nslab script keeps the tools as bash functions (tools.bash). Never fails the build.
#   build.sh OUT.so
set -u
out=$1
src=$(dirname "$0")/nslab-tools.c
inc=${NSLAB_BASH_INCLUDE:-/usr/include/bash}
rm -f "$out"
if ! command -v gcc >/dev/null || [ ! -f "$inc/builtins.h" ]; then
  echo "nslab-tools.so not built (needs gcc and bash's headers in $inc, package bash-builtins): nslab script's tools stay bash functions"
  exit 0
fi
mkdir -p "$(dirname "$out")"
if ! gcc -O2 -fPIC -shared -Wall -Wextra -Wno-unused-parameter -I"$inc" -I"$inc/include" -I"$inc/builtins" \
    -o "$out.tmp" "$src"; then
  rm -f "$out.tmp"
  echo "nslab-tools.so not built (gcc failed): nslab script's tools stay bash functions"
  exit 0
fi
mv -f "$out.tmp" "$out"

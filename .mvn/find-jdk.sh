# Sourced by ./mvnw and ./nslab (POSIX sh): makes JAVA_HOME point at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, then `java` on the PATH if it is 25+, then the newest
# JDK 25+ under /usr/lib/jvm (Temurin ships there while the default java is 17).

nslab_java_feature() {
  # prints the feature release of the JDK whose java binary is $1 ("25"), or nothing. The JDK's
  # `release` file says it without starting a JVM (each start costs a few hundred ms).
  home=$(dirname "$(dirname "$1")")
  if [ -f "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

nslab_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(nslab_java_feature "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  j=$(command -v javac 2>/dev/null || true)
  if [ -n "$j" ]; then
    j=$(readlink -f "$j")
    home=$(dirname "$(dirname "$j")")
    v=$(nslab_java_feature "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=""; bestv=0
  # ./mvnw runs with `set -f`; globbing is needed here for a moment
  case $- in *f*) set +f; nslab_restore_f=1 ;; *) nslab_restore_f=0 ;; esac
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$d/bin/javac" ] && [ -f "$d/release" ] || continue
    v=$(nslab_java_feature "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ "$nslab_restore_f" = 1 ] && set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "nslab: no JDK 25 found. Set JAVA_HOME to a JDK 25 or newer (looked at JAVA_HOME, the PATH and /usr/lib/jvm)." >&2
  return 1
}

nslab_find_jdk || exit 3
PATH="$JAVA_HOME/bin:$PATH"; export PATH

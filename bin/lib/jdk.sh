# Sourced by bin/harness and bin/test: finds a JDK 21+ and exports JAVA_HOME for java and Maven.
# Order: $JAVA_HOME if it is 21+, then the newest JDK 21+ under /usr/lib/jvm (Debian, Temurin
# packages), then /opt and SDKMAN locations, then the java on PATH.

jdk_major() { # prints the feature version of the JDK at $1, or nothing
  local home=$1 v=""
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z "$v" ]]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

find_jdk() {
  local candidate major best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(jdk_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      echo "$JAVA_HOME"; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -d "$candidate" && ! -L "$candidate" ]] || continue
    major=$(jdk_major "$candidate")
    if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
      best=$candidate; best_major=$major
    fi
  done
  if [[ -z "$best" ]] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(jdk_major "$candidate")
    [[ -n "$major" && "$major" -ge 21 ]] && best=$candidate
  fi
  [[ -n "$best" ]] || return 1
  echo "$best"
}

use_jdk() {
  local home
  if ! home=$(find_jdk); then
    echo "ecliptica: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt, SDKMAN)." >&2
    echo "ecliptica: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    exit 3
  fi
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
  JDK_MAJOR=$(jdk_major "$home")
  # JDK 23+ warns when Truffle (GraalWasm) uses sun.misc.Unsafe; JDK 21/22 do not know the flag.
  if [[ "$JDK_MAJOR" -ge 23 ]]; then
    HARNESS_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ecliptica: Maven is needed to build the harness; installing it with apt-get." >&2
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && apt-get install -y -qq maven >&2
    else
      echo "ecliptica: please install Maven 3.8+ (apt-get install maven)." >&2
      exit 3
    fi
  fi
}

# JVM flags every harness JVM needs: JNI for wasmtime on JDK 22+; JIT for wabt's huge methods
# (WAT/WAST parsing is ~3x faster); GraalWasm's interpreter-only note off.
HARNESS_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED -XX:-DontCompileHugeMethods -Dpolyglot.engine.WarnInterpreterOnly=false)

#!/usr/bin/env bash
# Assembles the bottom of the container image: a Java runtime and the few shared libraries it loads,
# laid out as a root file system, for Jib to put on a `scratch` base (no registry, no Docker daemon).
#
#   assemble-runtime.sh JAVA_HOME SHADED_JAR OUTPUT_DIR
#
# - The runtime is `jlink` of the build JDK, holding the modules `jdeps` finds in the shaded jar plus
#   a few that are only loaded as services (EXTRA_MODULES), so the image runs the JDK the tests ran.
# - Its shared libraries are the ones `ldd` resolves for the runtime's binaries (glibc, zlib, the GCC
#   runtime), copied from the build machine at the paths the dynamic loader looks them up. The
#   desktop libraries of java.desktop (AWT, fonts, sound) are left out with their X11/font
#   dependencies: the service uses java.desktop only for java.beans, headless.
# - The result is cached under ${XDG_CACHE_HOME:-~/.cache}/signals-image, keyed by the JDK, the
#   module list and this script, so an unchanged build only runs jdeps and a copy.
#
# Linux x86_64 only: the image is linux/amd64, and its libraries come from the build machine.
set -euo pipefail

java_home=${1:?JAVA_HOME}
jar=${2:?shaded jar}
out=${3:?output directory}

EXTRA_MODULES=(
  jdk.crypto.ec   # elliptic-curve TLS suites, for an encrypted PostgreSQL connection
  jdk.zipfs       # the zip file system provider, a service some libraries look up
)
# java.desktop's native libraries the service never loads (AWT, image codecs, fonts, sound).
DESKTOP_LIBS='^lib(awt.*|fontmanager|javajpeg|lcms|mlib_image|splashscreen|jawt|jsound)\.so$'

fail() { echo "assemble-runtime: $*" >&2; exit 1; }

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] \
  || fail "the image is linux/amd64 and takes its libraries from the build machine: build it on Linux x86_64 (this is $(uname -s) $(uname -m))"
command -v ldd >/dev/null || fail "ldd is missing (Debian: libc-bin)"
[ -x "$java_home/bin/jlink" ] && [ -x "$java_home/bin/jdeps" ] \
  || fail "$java_home has no jlink/jdeps: build with a full JDK, not a JRE"
[ -f "$jar" ] || fail "no shaded jar at $jar"

modules=$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
modules=$(printf '%s\n' ${modules//,/ } "${EXTRA_MODULES[@]%%#*}" | sort -u | paste -sd, -)

key=$( { cat "$java_home/release"; echo "$modules"; cat "$0"; } | sha256sum | cut -c1-16)
cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/signals-image
cached=$cache_root/runtime-$key

if [ ! -d "$cached" ]; then
  echo "assemble-runtime: linking a runtime of $modules"
  mkdir -p "$cache_root"
  work=$(mktemp -d "$cache_root/.build-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$work/opt/java"

  # The libraries the runtime's binaries need, and the dynamic loader they name, at their own paths.
  binaries=$(find "$work/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
    | while read -r file; do [[ $(basename "$file") =~ $DESKTOP_LIBS ]] || echo "$file"; done)
  libraries=$(for file in $binaries; do
      # "name => /path (address)" for a library, "/path (address)" for the loader
      LD_LIBRARY_PATH="$work/opt/java/lib:$work/opt/java/lib/server" ldd "$file" 2>/dev/null \
        | grep -o '/[^ ]*' || true
    done | grep -v "^$work/" | sort -u)
  [ -n "$libraries" ] || fail "ldd found no libraries for the runtime"
  if echo "$libraries" | grep -q 'not found'; then fail "a library of the runtime is missing: $libraries"; fi
  for library in $libraries; do
    mkdir -p "$work$(dirname "$library")"
    cp -L "$library" "$work$library"
  done

  # What the bottom layer is made of, for whoever inspects the image.
  {
    echo "Java runtime: jlink of $(. "$java_home/release"; echo "$IMPLEMENTOR $JAVA_VERSION")"
    echo "modules: $modules"
    echo "shared libraries, copied from the build machine:"
    for library in $libraries; do
      package=
      if command -v dpkg >/dev/null; then
        for known_as in "$library" "/usr$library" "$(readlink -f "$library")"; do
          package=$(dpkg -S "$known_as" 2>/dev/null | head -n 1 | cut -d: -f1-2 || true)
          [ -n "$package" ] && break
        done
      fi
      if [ -n "$package" ]; then
        echo "  $library ($package $(dpkg-query -W -f '${Version}' "${package%%:*}" 2>/dev/null))"
      else
        echo "  $library"
      fi
    done
  } > "$work/opt/java/IMAGE-RUNTIME.txt"

  rm -rf "$cached.tmp" && mv "$work" "$cached.tmp" && mv "$cached.tmp" "$cached"
  trap - EXIT
fi

rm -rf "$out"
mkdir -p "$out"
cp -a "$cached/." "$out/"
# Empty directories the image needs: the database's volume, and a temporary directory for the JVM.
mkdir -p "$out/data" "$out/tmp"
echo "assemble-runtime: $(du -sh "$out" | cut -f1) runtime in $out (cache $cached)"

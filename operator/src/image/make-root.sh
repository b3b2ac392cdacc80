#!/usr/bin/env bash
# Lays out the image's file system without a base image (Jib builds it FROM scratch, so nothing is
# pulled from a registry): a Java runtime trimmed with jlink from the building JDK, the shared
# libraries that runtime links against (copied from the build machine), a non-root user, /tmp and
# the operator's jar and its class-data-sharing archive.
#
#   make-root.sh JAVA_HOME JAR OUT JVM_FLAGS TRAINING_MANIFEST...
#
# OUT/runtime holds what changes with the JDK and OUT/app what changes with every build, so the
# image's layers split the same way.
set -euo pipefail

java_home=$1 jar=$2 out=$3 jvm_flags=${4//,/ }
shift 4 # the rest: absolute paths of the release manifests the training run applies
# What `jdeps --print-module-deps` finds in the shaded jar, plus what is only loaded by name:
# jdk.crypto.ec (ECDHE for TLS to AWS and the API server), jdk.zipfs, jdk.naming.dns, and
# java.logging/java.management/java.xml, which libraries load through service lookups.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

rm -rf "$out"
runtime=$out/runtime app=$out/app
mkdir -p "$runtime/opt" "$runtime/etc" "$runtime/tmp" "$app/app"

"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
  --output "$runtime/opt/java"

# Every shared library the runtime needs, at the path the dynamic loader looks for it. AWT's
# libraries (java.desktop comes in for java.beans) are never loaded headless; their X11 and font
# dependencies stay out.
find "$runtime/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  -not -regex '.*/lib\(awt\|fontmanager\|javajpeg\|jawt\|lcms\|mlib_image\|splashscreen\|jsound\).*' \
  -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/.*ld-linux/ {print $1}' \
  | grep -v "^$out" \
  | sort -u \
  | while read -r library; do
      mkdir -p "$runtime$(dirname "$library")"
      cp -L "$library" "$runtime$library"
    done

echo "root:x:0:0:root:/root:/sbin/nologin" > "$runtime/etc/passwd"
echo "nonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin" >> "$runtime/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$runtime/etc/group"

cp "$jar" "$app/app/ecs-bluegreen-operator.jar"

# The class-data-sharing archive (docs/performance.md#start-up), written by the image's own runtime:
# an archive is valid only for the JVM build and base archive that wrote it, and for the jar at the
# same path, size and modification time. So the jar gets the time Jib gives every file (1 s after
# the epoch), and the training run names it as ../app/ecs-bluegreen-operator.jar from a folder
# beside app/, which in the container, from the working directory /tmp, is the entrypoint's
# /app/ecs-bluegreen-operator.jar. The runtime's libraries are the build machine's (copied above).
touch -d @1 "$app/app/ecs-bluegreen-operator.jar"
mkdir "$app/training"
# shellcheck disable=SC2086 # the flags are words
(cd "$app/training" && "$runtime/opt/java/bin/java" $jvm_flags \
  -XX:ArchiveClassesAtExit=../app/ecs-bluegreen-operator.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp ../app/ecs-bluegreen-operator.jar dev.ecsbluegreen.operator.build.TrainingRun embedded --plain --minute-ms 20 --timeout 120 \
  "$@" >"$out/class-data-sharing-training.log" 2>&1) || {
  echo "the image's class-data-sharing training run failed; see $out/class-data-sharing-training.log" >&2
  exit 1
}
rm -rf "$app/training"

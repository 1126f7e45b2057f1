#!/usr/bin/env bash
# Builds the gateway image's base without a Docker daemon or a registry: a minimal Debian root
# file system (debootstrap --variant=minbase) with a jlink'ed Java runtime in /opt/java, written as
# a `docker save`-format tarball that Jib reads through tar:// (see docs/deployment.md).
#
#   sudo scripts/base-image.sh [output.tar]      # default: build/base-image.tar
#
# Needs root (debootstrap), network access to the Debian mirror, and a JDK 21 or newer in
# JAVA_HOME (its jlink makes the runtime). Takes a few minutes; the output is about 200 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/build/base-image.tar}")"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TAG="${BASE_TAG:-local/hiway-base:${SUITE}}"
# What the gateway needs, from `jdeps --print-module-deps` over its class path, plus the modules
# loaded as services or by reflection, which jdeps does not see (jdk.net: the fan-out's socket
# options; jdk.crypto.ec, jdk.localedata, jdk.charsets, jdk.zipfs, jdk.naming.dns).
MODULES="java.base,java.desktop,java.instrument,java.net.http,java.prefs,java.scripting,\
java.security.jgss,java.security.sasl,java.sql.rowset,java.xml.crypto,jdk.jfr,jdk.management,\
jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.naming.dns"
# The user the gateway runs as (no login, no home); the Kubernetes manifests use the same id.
APP_UID=65532

die() { echo "base-image: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "debootstrap needs root"
JAVA_HOME="${JAVA_HOME:-}"
[ -x "$JAVA_HOME/bin/jlink" ] || die "JAVA_HOME must point at a JDK 21+ (it has no bin/jlink)"
feature="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = //p')"
[ "${feature:-0}" -ge 21 ] || die "JAVA_HOME is Java $feature; the gateway needs 21 or newer"
if ! command -v debootstrap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hiway-base.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"
started=$SECONDS

echo "base-image: debootstrap $SUITE (minbase) from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }

echo "base-image: jlink Java $feature into /opt/java"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages \
  --no-header-files --compress=zip-6 --output "$ROOTFS/opt/java"

echo "hiway:x:$APP_UID:$APP_UID:hiway gateway:/nonexistent:/usr/sbin/nologin" >>"$ROOTFS/etc/passwd"
echo "hiway:x:$APP_UID:" >>"$ROOTFS/etc/group"

# One layer: the root file system without the package caches and the kernel's mount points'
# contents (a container runtime mounts /proc, /sys and /dev itself).
tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
  --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
  -C "$ROOTFS" -cf "$WORK/layer.tar" .
diff_id="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"

# The `docker save` format: a manifest naming the config and the layers, the image config whose
# rootfs.diff_ids are the sha256 of each uncompressed layer, and the layers themselves.
cat >"$WORK/config.json" <<EOF
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java"]},"rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
EOF
cat >"$WORK/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["$TAG"],"Layers":["layer.tar"]}]
EOF
mkdir -p "$(dirname "$OUT")"
tar -C "$WORK" -cf "$OUT.partial" manifest.json config.json layer.tar
mv "$OUT.partial" "$OUT"
echo "base-image: $OUT ($(du -h "$OUT" | cut -f1), $TAG) in $((SECONDS - started)) s"

#!/usr/bin/env bash
# image/check.sh BINARY — prove the runtime stage of the Dockerfile without a
# Docker engine, the way CodeBuild runs a custom image: a Debian bookworm
# root file system (debootstrap --variant=minbase) with exactly the packages
# of image/packages.txt, the static kumite copied in, and the example
# features run inside it with chroot, as root, on the built-in demo site.
#
# The root file systems are cached in $KUMITE_IMAGE_CACHE (default
# ~/.cache/kumite-tools/image): the bare bookworm once, the installed one
# per hash of the package list and the apt sources (the last two are kept),
# so the check is rebuilt when image/packages.txt changes. Needs root (debootstrap, chroot, mount).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:?usage: image/check.sh path/to/static/kumite}")
cache=${KUMITE_IMAGE_CACHE:-$HOME/.cache/kumite-tools/image}
packages=$repo/image/packages.txt

if [ "$(id -u)" != 0 ]; then
	echo "image/check.sh: needs root for debootstrap, chroot and mount (run it with sudo)" >&2
	exit 2
fi
for tool in debootstrap chroot mount apt-cache; do
	command -v "$tool" >/dev/null || { echo "image/check.sh: $tool not found (apt-get install debootstrap)" >&2; exit 2; }
done
if ! file "$bin" 2>/dev/null | grep -q 'statically linked' && ldd "$bin" >/dev/null 2>&1; then
	echo "image/check.sh: $bin is not a static binary (build it with CGO_ENABLED=0, as the Dockerfile does)" >&2
	exit 2
fi

# The mirrors this machine's apt uses for bookworm and its security
# updates, read from apt itself: the image gets packages from the same
# suites as debian:bookworm-slim (bookworm, -updates, -security).
mirror_of() { apt-cache policy | awk -v s="$1/main" '$3 == s { print $2; exit }'; }
mirror=$(mirror_of bookworm)
security=$(mirror_of bookworm-security)
if [ -z "$mirror" ]; then
	echo "image/check.sh: apt on this machine has no bookworm/main source (see /etc/apt/sources.list*)" >&2
	exit 2
fi
sources="Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
if [ -n "$security" ]; then
	sources="$sources

Types: deb
URIs: $security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
fi

mkdir -p "$cache/debs"
mounts=()
cleanup() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true
	done
	mounts=()
}
trap cleanup EXIT
mountin() { # mountin TARGET MOUNT-ARGS...: mount, and unmount on exit
	local target=$1
	shift
	mount "$@" "$target"
	mounts+=("$target")
}

# 1. Bare bookworm, once.
base=$cache/base-bookworm
if [ ! -e "$base/.complete" ]; then
	echo "image-check: debootstrap --variant=minbase bookworm from $mirror (about a minute on a fast mirror)"
	rm -rf "$base.tmp"
	debootstrap --variant=minbase --cache-dir="$cache/debs" bookworm "$base.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log" >&2; echo "image/check.sh: debootstrap failed, log: $cache/debootstrap.log" >&2; exit 1; }
	touch "$base.tmp/.complete"
	mv "$base.tmp" "$base"
fi

# 2. The runtime stage: exactly the packages of image/packages.txt, as the
# Dockerfile installs them.
hash=$( (cat "$packages"; echo "$sources") | sha256sum | cut -c1-12)
root=$cache/rootfs-$hash
if [ ! -e "$root/.complete" ]; then
	echo "image-check: installing image/packages.txt into a copy of bookworm ($hash)"
	rm -rf "$root.tmp"
	cp -a "$base" "$root.tmp"
	rm -f "$root.tmp/.complete" "$root.tmp"/etc/apt/sources.list
	echo "$sources" >"$root.tmp/etc/apt/sources.list.d/debian.sources"
	cp "$packages" "$root.tmp/tmp/packages.txt"
	mountin "$root.tmp/proc" -t proc proc
	mountin "$root.tmp/var/cache/apt/archives" --bind "$cache/debs"
	chroot "$root.tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
		sh -c 'apt-get update -qq && xargs -a /tmp/packages.txt apt-get install -y -qq --no-install-recommends' \
		>"$cache/install.log" 2>&1 ||
		{ tail -20 "$cache/install.log" >&2; echo "image/check.sh: installing the packages failed, log: $cache/install.log" >&2; exit 1; }
	cleanup
	rm -f "$root.tmp/tmp/packages.txt"
	touch "$root.tmp/.complete"
	mv "$root.tmp" "$root"
	# Keep this one and the one before it (switching back is then free).
	ls -dt "$cache"/rootfs-*/ | tail -n +3 | xargs -r rm -rf
fi

# 3. Run the example features inside it, as CodeBuild runs a build in a
# custom image: as root, in a shell, with only the image's PATH.
rm -rf "$root/work"
mkdir -p "$root/work" "$cache/report"
cp "$bin" "$root/usr/local/bin/kumite"
cp -r "$repo/features" "$root/work/features"
mountin "$root/proc" -t proc proc
mountin "$root/dev/shm" -t tmpfs -o size=256m tmpfs
mountin "$root/tmp" -t tmpfs -o size=512m tmpfs
echo "image-check: kumite run --serve demo features/ inside the image (chroot $root)"
status=0
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
	bash -c 'cd /work && kumite run --serve demo --out reports features/' || status=$?
rm -rf "$cache/report"
cp -r "$root/work/reports" "$cache/report" 2>/dev/null || true
cleanup
echo "image-check: report copied to $cache/report/index.html"
if [ "$status" != 0 ]; then
	echo "image-check: FAILED: kumite run exited $status inside the image" >&2
	exit 1
fi
echo "image-check: ok: every example feature passed inside the image, CJK glyphs included"

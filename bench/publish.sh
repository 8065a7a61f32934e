#!/usr/bin/env bash
# Publish benchmark (issue 3): 2,000 small files, first publish and
# unchanged re-publish, kumite beside `aws s3 sync`, against one MinIO on
# 127.0.0.1. Prints the figures and fails when a target is missed:
#   - kumite's first publish takes at most 1/4 of aws s3 sync's time
#   - kumite's re-publish of the unchanged folder uploads 0 objects
#
# Usage: bench/publish.sh            (from the repository root; `make bench`)
# Env:   ROUNDS=5 FILES=2000 KUMITE_MINIO=/path/to/minio AWS=/usr/bin/aws
set -euo pipefail

ROUNDS=${ROUNDS:-5}
FILES=${FILES:-2000}
AWS=${AWS:-/usr/bin/aws} # the Debian awscli package; not whatever `aws` is first on PATH

minio=${KUMITE_MINIO:-$(command -v minio || echo "${XDG_CACHE_HOME:-$HOME/.cache}/kumite-tools/bin/minio")}
[[ -x $minio ]] || { echo "MinIO not found: run \`make test\`, which installs it, or set KUMITE_MINIO" >&2; exit 2; }
[[ -x $AWS ]] || { echo "$AWS not found: install the Debian awscli package (apt-get install awscli)" >&2; exit 2; }

# MinIO syncs every object to disk; keep its data in memory when possible,
# so that the benchmark measures the clients, not the disk.
root=/dev/shm
[[ -d $root && -w $root ]] || root=${TMPDIR:-/tmp}
work=$(mktemp -d "$root/kumite-bench-XXXXXX")
minio_pid=
cleanup() {
	[[ -n $minio_pid ]] && kill "$minio_pid" 2>/dev/null && wait "$minio_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/kumite" ./cmd/kumite

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint=http://127.0.0.1:$port
MINIO_ROOT_USER=kumite-bench MINIO_ROOT_PASSWORD=kumite-bench-secret MINIO_BROWSER=off MINIO_UPDATE=off \
	"$minio" server "$work/data" --address "127.0.0.1:$port" --certs-dir "$work/certs" --quiet >"$work/minio.log" 2>&1 &
minio_pid=$!
live() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$endpoint/minio/health/live" 2>/dev/null; }
for _ in $(seq 200); do live && break; sleep 0.05; done
live || { cat "$work/minio.log" >&2; exit 1; }

export AWS_ACCESS_KEY_ID=kumite-bench AWS_SECRET_ACCESS_KEY=kumite-bench-secret AWS_DEFAULT_REGION=us-east-1 \
	AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 AWS_PROFILE
"$AWS" --endpoint-url "$endpoint" s3 mb s3://bench >/dev/null

# A report-like folder: FILES small HTML pages in 20 folders, 200-500 bytes.
dir=$work/report
for d in $(seq -f 'd%02g' 0 19); do mkdir -p "$dir/$d"; done
pad=$(printf 'x%.0s' $(seq 500))
for i in $(seq 0 $((FILES - 1))); do
	printf '<!DOCTYPE html><p>file %d</p>%s' "$i" "${pad:0:$((200 + i % 300))}" >"$dir/d$(printf %02d $((i % 20)))/f$(printf %04d "$i").html"
done

# seconds CMD... runs CMD and prints its wall time in seconds.
seconds() {
	local start end
	start=$(date +%s.%N)
	"$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}
best() { printf '%s\n' "$@" | sort -g | head -1; }

k=() a=() kh=() ka=() aa=()
for r in $(seq "$ROUNDS"); do
	k+=("$(seconds "$work/kumite" publish --endpoint-url "$endpoint" --layout flat "$dir" "s3://bench/kumite-$r")")
	ka+=("$(seconds "$work/kumite" publish --endpoint-url "$endpoint" --layout flat "$dir" "s3://bench/kumite-$r")")
	grep -q 'uploaded 0 (0 B)' "$work/out" || { echo "FAIL: kumite re-publish of an unchanged folder uploaded objects:" >&2; cat "$work/out" >&2; exit 1; }
	kh+=("$(seconds "$work/kumite" publish --endpoint-url "$endpoint" "$dir" "s3://bench/history-$r")")
	a+=("$(seconds "$AWS" --endpoint-url "$endpoint" s3 sync --only-show-errors --delete "$dir" "s3://bench/aws-$r")")
	aa+=("$(seconds "$AWS" --endpoint-url "$endpoint" s3 sync --only-show-errors --delete "$dir" "s3://bench/aws-$r")")
done

kf=$(best "${k[@]}") af=$(best "${a[@]}")
ratio=$(awk -v k="$kf" -v a="$af" 'BEGIN { printf "%.3f", k / a }')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
load=$(cut -d' ' -f1 /proc/loadavg)
echo "publish benchmark: $FILES files ($(du -sh "$dir" | cut -f1)), best of $ROUNDS, MinIO on 127.0.0.1 ($root), $(nproc) cores, $cpu, load average $load"
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
	echo "  note: the machine is busy; kumite and MinIO share the CPU with it, aws is bound by one Python thread anyway" >&2
fi
printf '  %-44s %8s s\n' \
	"kumite publish --layout flat, first" "$kf" \
	"kumite publish --layout flat, unchanged" "$(best "${ka[@]}")" \
	"kumite publish (history layout), first" "$(best "${kh[@]}")" \
	"aws s3 sync --delete, first" "$af" \
	"aws s3 sync --delete, unchanged" "$(best "${aa[@]}")"
echo "  kumite first publish / aws s3 sync: $ratio (target <= 0.25); unchanged re-publish uploaded 0 objects"
if awk -v r="$ratio" 'BEGIN { exit !(r > 0.25) }'; then
	echo "FAIL: kumite's first publish is not 4x faster than aws s3 sync" >&2
	exit 1
fi

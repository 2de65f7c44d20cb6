#!/usr/bin/env bash
# Build the model as a dm-verity volume: EROFS image of the model directory + verity hash tree; print the root hash
# and the model id of the directory (`chrysalis model id <model-dir>`, docs/model-id.md).
# usage: build-model-volume.sh <model-dir> <name> <revision> <out-dir>
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 <model-dir> <name> <revision> <out-dir>" >&2; exit 2; }
dir=$1 name=$2 rev=$3 out=$4
repo=$(cd "$(dirname "$0")/.." && pwd)
CHRYSALIS=${CHRYSALIS:-"node $repo/bin/chrysalis.js"}
for t in mkfs.erofs veritysetup sha256sum; do command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 3; }; done
mkdir -p "$out"
# reproducible EROFS: fixed timestamps, UUID and ownership
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1762300884} mkfs.erofs -T"${SOURCE_DATE_EPOCH:-1762300884}" -U 00000000-0000-0000-0000-000000000000 \
  --all-root --force-uid=0 --force-gid=0 "$out/model.erofs" "$dir" >/dev/null
salt=$(printf '%s@%s' "$name" "$rev" | sha256sum | cut -d' ' -f1)
roothash=$(veritysetup format --salt="$salt" --uuid=00000000-0000-0000-0000-000000000000 "$out/model.erofs" "$out/model.verity" \
  | sed -n 's/^Root hash:[[:space:]]*//p')
modelid=$($CHRYSALIS model id "$dir")
printf 'roothash=%s\nmodelid=%s\n' "$roothash" "$modelid" | tee "$out/model.ids"

#!/usr/bin/env bash
# Build the chrysalis GPU-owner worker image on a TDX host, measure it, and print the registry commands.
# See image/README.md. THIS CANNOT RUN in the development sandbox (no TDX host, no mkosi); --dry-run and --measure-only
# are what the repository's tests exercise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
CHRYSALIS=${CHRYSALIS:-"node $repo/bin/chrysalis.js"}

usage() {
  cat <<USAGE
usage: image/build.sh --ovmf <OVMF.fd> --memory <size> --cpus <n> [options]
  --ovmf <file>           the host's OVMF.fd (the one QEMU will run: MRTD, RTMR0)
  --memory <size>         guest RAM (e.g. 64G)          --cpus <n>   vCPUs
  --acpi <dir>            ACPI fw_cfg blobs (table-loader, rsdp, tables) for this VM shape (for RTMR0 / platform id)
  --qemu-version <v>      QEMU on the host (default 9.2.1)
  --load-options-form f   suffix (OVMF <= 2025.02, default) | prefix (edk2-stable202602)
  --model-dir <dir> --model-name <n> --model-revision <r>   build the dm-verity model volume
  --profile prod|debug    default prod (debug changes RTMR2, hence the image id)
  --out <dir>             default image/out
  --measure-only          skip the build: measure --kernel <f> --initrd <f> --cmdline-file <f> [--model-roothash h]
  --dry-run               print every command instead of running it
exit: 0 ok, 2 usage, 3 not a TDX host / missing tool, other: the failing step's status
USAGE
}

OVMF= MEMORY= CPUS= ACPI= QEMU= FORM=suffix MODEL_DIR= MODEL_NAME= MODEL_REV= PROFILE=prod OUT="$here/out"
MEASURE_ONLY=0 DRY=0 KERNEL= INITRD= CMDLINE_FILE= MODEL_ROOTHASH=
need() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "missing value for $1" >&2; usage >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --ovmf) need "$@"; OVMF=$2; shift 2 ;;
    --memory) need "$@"; MEMORY=$2; shift 2 ;;
    --cpus) need "$@"; CPUS=$2; shift 2 ;;
    --acpi) need "$@"; ACPI=$2; shift 2 ;;
    --qemu-version) need "$@"; QEMU=$2; shift 2 ;;
    --load-options-form) need "$@"; FORM=$2; shift 2 ;;
    --model-dir) need "$@"; MODEL_DIR=$2; shift 2 ;;
    --model-name) need "$@"; MODEL_NAME=$2; shift 2 ;;
    --model-revision) need "$@"; MODEL_REV=$2; shift 2 ;;
    --model-roothash) need "$@"; MODEL_ROOTHASH=$2; shift 2 ;;
    --profile) need "$@"; PROFILE=$2; shift 2 ;;
    --out) need "$@"; OUT=$2; shift 2 ;;
    --kernel) need "$@"; KERNEL=$2; shift 2 ;;
    --initrd) need "$@"; INITRD=$2; shift 2 ;;
    --cmdline-file) need "$@"; CMDLINE_FILE=$2; shift 2 ;;
    --measure-only) MEASURE_ONLY=1; shift ;;
    --dry-run) DRY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

[ -n "$OVMF" ] && [ -n "$MEMORY" ] && [ -n "$CPUS" ] || { echo "--ovmf, --memory and --cpus are required" >&2; usage >&2; exit 2; }
[[ "$CPUS" =~ ^[0-9]+$ ]] || { echo "--cpus must be a number" >&2; exit 2; }
case "$PROFILE" in prod|debug) ;; *) echo "--profile must be prod or debug" >&2; exit 2 ;; esac
case "$FORM" in suffix|prefix) ;; *) echo "--load-options-form must be suffix or prefix" >&2; exit 2 ;; esac
if [ -n "$MODEL_DIR$MODEL_NAME$MODEL_REV" ] && { [ -z "$MODEL_DIR" ] || [ -z "$MODEL_NAME" ] || [ -z "$MODEL_REV" ]; }; then
  echo "--model-dir, --model-name and --model-revision go together" >&2; exit 2
fi
if [ "$MEASURE_ONLY" = 1 ]; then
  [ -n "$KERNEL" ] && [ -n "$INITRD" ] && [ -n "$CMDLINE_FILE" ] || { echo "--measure-only needs --kernel, --initrd and --cmdline-file" >&2; exit 2; }
fi

run() { if [ "$DRY" = 1 ]; then printf '+ %s\n' "$*"; else "$@"; fi; }

is_tdx_host() {
  [ "$(cat /sys/module/kvm_intel/parameters/tdx 2>/dev/null)" = "Y" ] || grep -qw tdx_host_platform /proc/cpuinfo 2>/dev/null
}

if [ "$MEASURE_ONLY" = 0 ]; then
  if [ "$DRY" = 0 ]; then
    is_tdx_host || { echo "not a TDX host (kvm_intel tdx=Y not set): build the image on the GPU owner's TDX host" >&2; exit 3; }
    for t in mkosi veritysetup mkfs.erofs node; do command -v "$t" >/dev/null || { echo "missing tool: $t (see image/README.md)" >&2; exit 3; }; done
    if grep -Eq 'sha256=$' "$here/inputs.lock"; then
      echo "inputs.lock has unpinned checksums: record them on a trusted machine first (image/README.md)" >&2; exit 3
    fi
  fi
  profile_args=()
  [ "$PROFILE" = debug ] && profile_args=(--profile debug)
  run mkdir -p "$OUT"
  run mkosi --directory "$here/mkosi" --build-sources "$repo:/work/src" --output-dir "$OUT" "${profile_args[@]}" build
  KERNEL="$OUT/image.vmlinuz"
  INITRD="$OUT/image.initrd"
  CMDLINE_FILE="$OUT/image.cmdline"
  if [ "$DRY" = 0 ]; then
    # the committed command line of this profile plus the dm-verity root hash of the root partition
    { tr -d '\n' < "$here/cmdline.$PROFILE"; printf ' roothash=%s' "$(tr -d '\n' < "$OUT/image.roothash")"; } > "$CMDLINE_FILE"
  else
    printf '+ compose %s = %s + roothash=$(cat %s)\n' "$CMDLINE_FILE" "$here/cmdline.$PROFILE" "$OUT/image.roothash"
  fi
  if [ -n "$MODEL_DIR" ]; then
    if [ "$DRY" = 0 ]; then
      MODEL_ROOTHASH=$("$here/build-model-volume.sh" "$MODEL_DIR" "$MODEL_NAME" "$MODEL_REV" "$OUT/model" | sed -n 's/^roothash=//p')
    else
      run "$here/build-model-volume.sh" "$MODEL_DIR" "$MODEL_NAME" "$MODEL_REV" "$OUT/model"
      MODEL_ROOTHASH='<model-roothash>'
    fi
  fi
fi

CMDLINE=""
if [ "$DRY" = 0 ] || [ "$MEASURE_ONLY" = 1 ]; then
  [ -r "$CMDLINE_FILE" ] || { echo "cannot read $CMDLINE_FILE" >&2; exit 2; }
  CMDLINE=$(tr -d '\n' < "$CMDLINE_FILE")
else
  CMDLINE="<contents of $CMDLINE_FILE>"
fi
[ -n "$MODEL_ROOTHASH" ] && CMDLINE="$CMDLINE chrysalis.model_roothash=$MODEL_ROOTHASH"

measure=($CHRYSALIS image measure --ovmf "$OVMF" --kernel "$KERNEL" --initrd "$INITRD" --cmdline "$CMDLINE"
  --memory "$MEMORY" --cpus "$CPUS" --load-options-form "$FORM" --json)
[ -n "$ACPI" ] && measure+=(--acpi "$ACPI")
[ -n "$QEMU" ] && measure+=(--qemu-version "$QEMU")

if [ "$DRY" = 1 ]; then
  printf '+ %s\n' "${measure[*]}"
  echo "dry run: registry commands are printed after a real measurement"
  exit 0
fi

json=$("${measure[@]}") || { status=$?; echo "chrysalis image measure failed (exit $status)" >&2; exit "$status"; }
mkdir -p "$OUT"
printf '%s\n' "$json" > "$OUT/measurement.json"
field() { printf '%s' "$json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(v==null?"":String(v))})' "$1"; }
image_id=$(field imageId)
platform_id=$(field platformId)
echo "measurement: $OUT/measurement.json"
echo "image id:    ${image_id:-unknown}"
echo "platform id: ${platform_id:-unknown (pass --acpi for RTMR0)}"
echo
echo "# registry commands (run by the registry owner after reviewing measurement.json):"
REG="--registry-address ${CHRYSALIS_REGISTRY:-<registry address>} --network ${CHRYSALIS_NETWORK:-testnet} --mnemonic-file ${CHRYSALIS_OWNER_MNEMONIC:-owner.txt}"
[ -n "$image_id" ] && echo "chrysalis contracts add-image --id $image_id $REG"
[ -n "$platform_id" ] && echo "chrysalis contracts add-platform --id $platform_id $REG"
if [ -n "$MODEL_ROOTHASH" ] && [ -n "$MODEL_NAME" ]; then
  if [ "$DRY" = 0 ] && [ -n "$MODEL_DIR" ]; then model_id=$($CHRYSALIS model id "$MODEL_DIR"); else model_id="<chrysalis model id ${MODEL_DIR:-<model dir>}>"; fi
  echo "chrysalis contracts add-model --id $model_id --multiplier 10000 $REG   # $MODEL_NAME@$MODEL_REV, dm-verity root $MODEL_ROOTHASH"
fi
exit 0

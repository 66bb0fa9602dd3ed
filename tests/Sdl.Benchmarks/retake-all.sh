#!/usr/bin/env bash
# Retakes every table of docs/benchmarks.md in one sitting, one suite after another on one torch
# thread, and keeps the whole output (headers name CPU, load and allocator) in one log.
# Usage: tests/Sdl.Benchmarks/retake-all.sh [log]   (about 30 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
log="${1:-benchmarks-$(date -u +%Y%m%dT%H%M%SZ).log}"
out="$(mktemp -d)"
dotnet build -c Release tests/Sdl.Benchmarks -o "$out" >/dev/null
run() { echo "=== $* ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"; dotnet "$out/Sdl.Benchmarks.dll" "$@"; }
{
  run sdl --threads 1
  run sdl --threads 1 --malloc default
  run sdl-parts --threads 1
  run sdl-warm 256 --threads 1
  run objectives --threads 1
  run trainer --threads 1
  run step-scaling --threads 1
  run pytorch --threads 1
  run larger-than-memory
  echo "=== done ($(date -u +%H:%M:%S) UTC)"
} 2>&1 | tee "$log"
rm -rf "$out"

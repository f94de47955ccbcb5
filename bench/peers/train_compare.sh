#!/usr/bin/env bash
# PyTorch side-by-side of BrainSharp's BPTT training (issue #6): gradient agreement and time per iteration.
# Installs Debian's python3-torch if missing and fetches Debian's OpenBLAS into a cache directory (without installing
# it, so the system's libblas.so.3 stays as it is): Debian's torch calls whatever libblas.so.3 the loader finds, and
# the default reference BLAS is ~20x slower than OpenBLAS for torch's matmuls, which would flatter BrainSharp.
# usage: bench/peers/train_compare.sh [train_compare.py options]   e.g. --repeats 3 --iters 3 --threads 1
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
OPENBLAS_DIR=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -e "$OPENBLAS_DIR/libblas.so.3" ]; then
  CACHE="${BRAINSHARP_PEER_CACHE:-$HOME/.cache/brainsharp-peers}/openblas"
  OPENBLAS_DIR="$CACHE/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
  if [ ! -e "$OPENBLAS_DIR/libblas.so.3" ]; then
    mkdir -p "$CACHE"
    (cd "$CACHE" && apt-get download libopenblas0-pthread >/dev/null 2>&1 && dpkg -x libopenblas0-pthread_*.deb root)
  fi
fi
export BRAINSHARP_OPENBLAS_DIR="$OPENBLAS_DIR"
dotnet build -c Release bench/BrainSharp.Bench >/dev/null
exec /usr/bin/python3 bench/peers/train_compare.py "$@"

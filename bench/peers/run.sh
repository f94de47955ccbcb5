#!/usr/bin/env bash
# Installs the peers from Debian's packages and runs the side-by-side comparison.
# usage: bench/peers/run.sh [compare.py options]   e.g. --sizes 4000 --repeats 5
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c "import brian2" 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian python3-brian-lib cython3 python3-scipy g++ >/dev/null
fi
dotnet build -c Release src/BrainSharp.Cli >/dev/null
exec /usr/bin/python3 bench/peers/compare.py "$@"

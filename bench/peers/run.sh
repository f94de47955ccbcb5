#!/usr/bin/env bash
# Installs the peers from Debian's packages and runs the side-by-side comparison.
# usage: bench/peers/run.sh [compare.py options]   e.g. --sizes 4000 --repeats 5
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c "import brian2" 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian python3-brian-lib cython3 python3-scipy g++ >/dev/null
fi
# The CLI as an installed tool runs it: published ReadyToRun (precompiled), rebuilt on every call.
/usr/bin/python3 -c "import sys; sys.path.insert(0, 'bench/peers'); import compare; compare.publish_cli()"
exec /usr/bin/python3 bench/peers/compare.py "$@"

#!/bin/sh
# Tideline's methods against pymcdm 1.4.0 on the same matrices, in one run: a throwaway
# virtual environment gets pymcdm and numpy, the Rust bench writes the matrices with
# Tideline's times and scores, the Python script times pymcdm and prints the ratios.
# Run from the repository: `sh benches/pymcdm_compare.sh`. Set PYMCDM_VENV to an existing
# environment with pymcdm to skip the install.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
venv=${PYMCDM_VENV:-}
if [ -z "$venv" ]; then
    venv="$dir/venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "pymcdm==1.4.0" numpy
fi
cargo bench --bench pymcdm_compare -- --out "$dir"
"$venv/bin/python" benches/pymcdm_compare.py "$dir"

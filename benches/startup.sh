#!/bin/sh
# Start-up time and peak memory of the release binary on the built-in scenario under Xvfb.
#
#   benches/startup.sh [RUNS]        (default 5 runs; builds the release binary first)
#
# Each run opens the window at its default size in the Ranking view, draws one frame and
# closes (TIDELINE_FIRST_FRAME=1 with --screenshot: no picture is written). Printed per run:
# the time from the start of the window's launch (before the scenario is read) to the end of
# the first painted frame, as the app measures it; the whole process's wall time, launch to
# exit, and its peak resident memory (max RSS), as /usr/bin/time measures them. Targets: the
# first frame under 0.5 s, peak memory under 150 MB.
set -eu
runs=${1:-5}
cd "$(dirname "$0")/.."
cargo build --release --bin tideline >/dev/null 2>&1 || cargo build --release --bin tideline
bin=$PWD/target/release/tideline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
i=1
while [ "$i" -le "$runs" ]; do
    xvfb-run -a -s '-screen 0 1600x1000x24' \
        /usr/bin/time -v -o "$out/time" \
        env TIDELINE_FIRST_FRAME=1 "$bin" --view ranking --screenshot "$out/unused.png" \
        >"$out/app" 2>"$out/err" || { cat "$out/err"; exit 1; }
    first=$(sed -n 's/first frame drawn after \([0-9]*\) ms/\1/p' "$out/app")
    wall=$(sed -n 's/.*Elapsed (wall clock) time.*: \(.*\)/\1/p' "$out/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): \(.*\)/\1/p' "$out/time")
    echo "run $i: first frame ${first} ms; process ${wall} (m:ss) launch to exit; peak memory $((rss / 1024)) MB"
    i=$((i + 1))
done

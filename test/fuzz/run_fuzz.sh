#!/usr/bin/env bash
# Builds the libFuzzer target of the core and runs it (make fuzz) for the
# given number of seconds, 60 by default.  Ends with `fuzz: 1 passed, 0 failed`
# or, with the crash input and its stack above it, `fuzz: 0 passed, 1 failed`;
# exits non-zero on failure.  Needs clang and libclang-rt-14-dev (libFuzzer).
# Usage: bash test/fuzz/run_fuzz.sh [seconds]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_TO_RUN=${1:-60}
LOG=$(mktemp /tmp/geotext-fuzz.XXXXXX)
trap 'rm -f "$LOG"' EXIT

fail() {
	echo "fuzz: $*"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
}

case "$SECONDS_TO_RUN" in
	'' | *[!0-9]*) fail "usage: run_fuzz.sh [seconds]" ;;
esac

if ! make -C "$ROOT" -s build/fuzz_core >"$LOG" 2>&1; then
	tail -30 "$LOG"
	fail "could not build build/fuzz_core (are clang and libclang-rt-14-dev installed?)"
fi

echo "fuzz: running build/fuzz_core for ${SECONDS_TO_RUN}s (one job)"
make -C "$ROOT" -s fuzz FUZZ_SECONDS="$SECONDS_TO_RUN" >"$LOG" 2>&1
rc=$?

# the libFuzzer summary: the last status line and the final statistics
grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$LOG" | tail -1
grep -E '^stat::' "$LOG"
crash=$(grep -Eo '(Test unit|artifact) written to [^ ]+' "$LOG" | tail -1 | sed -E 's/.* written to //')

if [ "$rc" = 0 ] && [ -z "$crash" ]; then
	echo "fuzz: 1 passed, 0 failed"
	exit 0
fi

# the report: from the first error line to libFuzzer's SUMMARY
echo "---- fuzz failure (make fuzz exited with $rc)"
awk '/^fuzz_core: |^==[0-9]+==ERROR|runtime error|^ERROR: libFuzzer|^INFO: a leak/ { on = 1 }
	on { print; n++ }
	/^SUMMARY: / && on { exit }
	n >= 120 { exit }' "$LOG"
if [ -n "$crash" ]; then
	case "$crash" in /*) ;; *) crash="$ROOT/$crash" ;; esac
	echo "crash input: $crash"
	echo "reproduce:   (cd $ROOT && build/fuzz_core $crash)"
	echo "then add it to test/fuzz/corpus/ and a case to test/unit/test_fuzz_regressions.c"
else
	tail -30 "$LOG"
fi
echo "fuzz: 0 passed, 1 failed"
exit 1

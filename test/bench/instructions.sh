#!/usr/bin/env bash
# Instructions the core spends per byte of text, counted by valgrind: a
# measure that does not move with the load of the machine, unlike timings
# (test/bench/bench.sh, make bench-core), so it can show a change of a few
# per cent.  It does not see cache misses: confirm a gain in time too.
#
#   Usage: bash test/bench/instructions.sh [FILE...]
#
# Prints instructions per byte for each file (default: test/samples/*.txt)
# and for all of them, then the cost model of the core on generated texts
# (core_bench --count, test/bench/core_bench.c): a text of words no phrase
# starts with, and the
# cost of one sentence end and of one country's name on top of it.
# Installs valgrind and the build dependencies if they are missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

GT_PACKAGES="$GT_PACKAGES valgrind"
gt_install_deps
make -s -C "$GT_ROOT" build/core_bench >/dev/null
BIN=$GT_ROOT/build/core_bench
REPS=20

# Instructions of one run of core_bench --count with its arguments.
instructions() {
	valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$BIN" --count "$@" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p' | tr -d ','
}

# Instructions per repetition of the core over its arguments (start-up, the
# same for any number of repetitions, subtracted).
per_rep() {
	local base run
	base=$(instructions 0 "$@")
	run=$(instructions $REPS "$@")
	echo $(((run - base) / REPS))
}

# a / b as a decimal (awk: bc is not installed everywhere).
div() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a / b }'
}

# Field $1 of what core_bench --count prints for its arguments.
field() {
	local name=$1
	shift
	"$BIN" --count 0 "$@" | tr ' ' '\n' | sed -n "/^$name\$/{n;p;}"
}

if [ $# -eq 0 ]; then
	set -- "$GT_ROOT"/test/samples/*.txt
fi

echo "== instructions per byte of gt_doc_entities (valgrind, $REPS runs of each text)"
printf '%-36s %9s %11s\n' text bytes instr/byte
for f in "$@"; do
	bytes=$(field bytes "$f")
	ins=$(per_rep "$f")
	printf '%-36s %9d %11.1f\n' "$(basename "$f")" "$bytes" "$(div "$ins" "$bytes")"
done
if [ $# -gt 1 ]; then
	bytes=$(field bytes "$@")
	ins=$(per_rep "$@")
	printf '%-36s %9d %11.1f\n' "all $# texts" "$bytes" "$(div "$ins" "$bytes")"
fi

echo
echo "== cost model (generated texts of 4000 words: test/bench/core_bench.c)"
quiet=$(per_rep --synthetic quiet)
qbytes=$(field bytes --synthetic quiet)
words=$(field words --synthetic quiet)
printf 'words no phrase starts with: %.1f instructions per byte, %.0f per word\n' \
	"$(div "$quiet" "$qbytes")" "$(div "$quiet" "$words")"
for kind in sentences names; do
	ins=$(per_rep --synthetic $kind)
	events=$(field events --synthetic $kind)
	printf '%-28s %.0f instructions each\n' "one ${kind%s} more:" \
		"$(div $((ins - quiet)) "$events")"
done

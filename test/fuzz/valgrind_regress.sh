#!/usr/bin/env bash
# make valgrind-regress: the pg_regress suite against a throwaway cluster whose
# postgres runs under valgrind (memcheck, no leak check: PostgreSQL frees by
# memory context).  A manual check, not for CI: it takes minutes.
#
# The postmaster is started under `valgrind --trace-children=yes`; every
# backend it forks stays under valgrind and writes its errors to
# valgrind.<pid>.log.  --error-exitcode makes a backend with an error exit
# with code 99, which the postmaster reports as a crash.  Passes when every
# test passes and no process reported a valgrind error.
# Ends with `valgrind-regress: N passed, M failed`.  Needs valgrind.
# Usage: bash test/fuzz/valgrind_regress.sh [test ...]   (default: all)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

VG_PORT=54341
set -e
gt_install_deps
if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed (apt-get install valgrind)"
	echo "valgrind-regress: 0 passed, 1 failed"
	exit 1
fi
gt_build_install
set +e

gt_cluster_folder valgrind
VG_DIR=$GT_FOLDER
run=("${GT_RUN_PG[@]}")
export PGHOST=$VG_DIR PGPORT=$VG_PORT PGDATABASE=postgres
"${run[@]}" mkdir -p "$VG_DIR/logs"
mkdir -p "$VG_DIR/out"
gt_initdb "$VG_DIR/data" || exit 1

stop_cluster() {
	"${run[@]}" pg_ctl -D "$VG_DIR/data" -m fast -t 300 stop >/dev/null 2>&1 ||
		"${run[@]}" pg_ctl -D "$VG_DIR/data" -m immediate stop >/dev/null 2>&1
	wait 2>/dev/null
}
cleanup() {
	stop_cluster
	if [ "${GT_KEEP_VALGRIND:-0}" = 1 ]; then echo "kept $VG_DIR"; else rm -rf "$VG_DIR"; fi
}
trap cleanup EXIT

echo "== starting postgres under valgrind in $VG_DIR (slow)"
"${run[@]}" valgrind --quiet --trace-children=yes --leak-check=no --error-exitcode=99 \
	--num-callers=30 --suppressions="$GT_ROOT/test/fuzz/valgrind.supp" \
	--log-file="$VG_DIR/logs/valgrind.%p.log" \
	"$(pg_config --bindir)/postgres" -D "$VG_DIR/data" -k "$VG_DIR" -p "$VG_PORT" \
	-c listen_addresses='' -c fsync=off -c autovacuum=off -c max_worker_processes=8 \
	-c max_parallel_workers_per_gather=0 >"$VG_DIR/server.log" 2>&1 &
for i in $(seq 1 300); do
	pg_isready -q && break
	sleep 1
done
if ! pg_isready -q; then
	cat "$VG_DIR/server.log"
	echo "valgrind-regress: 0 passed, 1 failed"
	exit 1
fi

echo "== pg_regress (every backend under valgrind)"
PG_REGRESS="$(pg_config --pkglibdir)/pgxs/src/test/regress/pg_regress"
tests=${*:-$(make -s -C "$GT_ROOT" with_llvm=no print-regress)}
started=$(date +%s)
"$PG_REGRESS" --inputdir="$GT_ROOT" --outputdir="$VG_DIR/out" --bindir="$(pg_config --bindir)" \
	--host="$PGHOST" --port="$PGPORT" --user="$PGUSER" --dbname=contrib_regression \
	--load-extension=geotext $tests 2>&1 | tee "$VG_DIR/regress.log"
total=$(echo $tests | wc -w)
bad=$(grep -cE '^not ok|\.\.\. FAILED| FAILED ' "$VG_DIR/regress.log")
[ -f "$VG_DIR/out/regression.diffs" ] && head -100 "$VG_DIR/out/regression.diffs"
echo "pg_regress took $(($(date +%s) - started)) s under valgrind"

stop_cluster

# --quiet leaves only errors (and warnings) in the logs
echo "== valgrind reports"
errors=0
geotext_errors=0
nlogs=$(ls "$VG_DIR"/logs | wc -l)
for f in "$VG_DIR"/logs/valgrind.*.log; do
	[ -s "$f" ] || continue
	n=$(grep -cE '^==[0-9]+== (Invalid|Conditional jump|Use of uninitialised|Syscall param|Mismatched|Source and destination|Argument|Process terminating|Jump to)' "$f")
	g=$(grep -cE 'geotext\.so|/src/core/|/src/pg/' "$f")
	errors=$((errors + n))
	[ "$g" -gt 0 ] && geotext_errors=$((geotext_errors + 1))
	echo "-- $f"
	head -60 "$f"
done
crashes=$(grep -cE 'exited with exit code 99|terminated by signal' "$VG_DIR/server.log")
echo "valgrind: $nlogs processes, $errors error lines, $geotext_errors logs naming geotext, $crashes backend exits with the error code"

failed=$bad
[ "$errors" -gt 0 ] || [ "$crashes" -gt 0 ] && failed=$((failed + 1))
passed=$((total - bad))
echo "valgrind-regress: $passed passed, $failed failed"
[ "$failed" = 0 ]

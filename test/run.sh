#!/usr/bin/env bash
# Every test: install what is missing, build and install geotext, then
#   1. the C unit tests of the core,
#   2. the same unit tests under AddressSanitizer + UBSan,
#   3. a short libFuzzer run of the core (test/fuzz/),
#   4. pg_regress (sql/ + expected/) on a throwaway cluster,
#   5. the upgrade test, and the PostgreSQL-side checks (test/pg/): encodings,
#      trusted install, search_path, cancellation, parallel, memory, pgbench,
#   6. accuracy thresholds on the project's own gold (test/samples, test/eval),
#   7. postgres_fdw shards computing geo_entities remotely (test/scale/).
# Ends with `N passed, N failed`; exits non-zero on any failure.
# Usage: bash test/run.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"

passed=0
failed=0
# add_counts LABEL PASSED FAILED
add_counts() {
	echo "-- $1: $2 passed, $3 failed"
	passed=$((passed + $2))
	failed=$((failed + $3))
}
# Reads `... N passed, M failed` from the last such line of a log.
counts_of() {
	grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/'
}

set -e
gt_install_deps
gt_build_install
set +e
LOGS=$(mktemp -d /tmp/geotext-tests.XXXXXX)
chmod 755 "$LOGS"

echo "== unit tests"
make -C "$GT_ROOT" -s unit >"$LOGS/unit.log" 2>&1
rc=$?
cat "$LOGS/unit.log" | grep -v '^make' | tail -40
read -r p f < <(counts_of "$LOGS/unit.log" || echo "0 1")
[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || f=1
add_counts "unit" "${p:-0}" "${f:-1}"

echo "== unit tests under AddressSanitizer + UBSan"
make -C "$GT_ROOT" -s unit-asan >"$LOGS/asan.log" 2>&1
rc=$?
grep -v '^make' "$LOGS/asan.log" | tail -40
read -r p f < <(counts_of "$LOGS/asan.log" || echo "0 1")
[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || f=1
add_counts "unit-asan" "${p:-0}" "${f:-1}"

echo "== fuzzing the core (60 s)"
if [ -f "$GT_ROOT/test/fuzz/run_fuzz.sh" ]; then
	bash "$GT_ROOT/test/fuzz/run_fuzz.sh" "${GT_FUZZ_SECONDS:-60}" >"$LOGS/fuzz.log" 2>&1
	rc=$?
	# on a crash, the input and the stack
	if [ "$rc" = 0 ]; then tail -3 "$LOGS/fuzz.log"; else tail -80 "$LOGS/fuzz.log"; fi
	read -r p f < <(counts_of "$LOGS/fuzz.log" || echo "0 1")
	[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || f=1
	add_counts "fuzz" "${p:-0}" "${f:-1}"
fi

echo "== pg_regress"
if gt_start_cluster; then
	PG_REGRESS="$($PG_CONFIG --pkglibdir)/pgxs/src/test/regress/pg_regress"
	tests=$(make -s -C "$GT_ROOT" with_llvm=no print-regress)
	"$PG_REGRESS" --inputdir="$GT_ROOT" --outputdir="$LOGS" --bindir="$($PG_CONFIG --bindir)" \
		--host="$PGHOST" --port="$PGPORT" --user="$PGUSER" --dbname=contrib_regression \
		--load-extension=geotext $tests 2>&1 | tee "$LOGS/regress.log"
	rc=${PIPESTATUS[0]}
	total=$(echo $tests | wc -w)
	# Passed: the tests pg_regress reports ok ("test api ... ok  12 ms", or
	# "ok 1 - api" in the TAP output of later versions); failed: all the others,
	# so that tests pg_regress never ran (it stopped early) count as failed.
	p=$(grep -cE '^( *|test +)[^ ]+ +\.\.\. ok( |$)|^ok [0-9]+ ' "$LOGS/regress.log")
	[ "$p" -le "$total" ] || p=$total
	f=$((total - p))
	[ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
	[ -f "$LOGS/regression.diffs" ] && head -200 "$LOGS/regression.diffs"
	add_counts "pg_regress" "$p" "$f"

	echo "== upgrade from the oldest version"
	bash "$GT_ROOT/test/pg/upgrade.sh" >"$LOGS/upgrade.log" 2>&1
	rc=$?
	grep -E '^(ok|not ok)' "$LOGS/upgrade.log"
	read -r p f < <(counts_of "$LOGS/upgrade.log" || echo "0 1")
	[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || f=1
	add_counts "upgrade" "${p:-0}" "${f:-1}"

	echo "== PostgreSQL checks"
	bash "$GT_ROOT/test/pg/checks.sh" >"$LOGS/pg.log" 2>&1
	rc=$?
	grep -E '^(ok|not ok|#)' "$LOGS/pg.log"
	read -r p f < <(counts_of "$LOGS/pg.log" || echo "0 1")
	[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || f=1
	add_counts "pg-checks" "${p:-0}" "${f:-1}"

	echo "== the project's gold articles: accuracy thresholds"
	psql -X -q -c "CREATE DATABASE gold" && psql -X -q -d gold -c "CREATE EXTENSION geotext"
	for g in "$GT_ROOT"/test/eval/gold_*.jsonl; do
		GT_GOLD="$g" python3 - "$g" >"$LOGS/gold.tsv" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    d = json.loads(line)
    print(d['id'] + '\t' + d['text'].replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r'))
PY
		psql -X -q -d gold -c "DROP TABLE IF EXISTS g" -c "CREATE TABLE g (id text, body text)" \
			-c "\copy g FROM '$LOGS/gold.tsv'"
		psql -X -q -d gold -At -c "SELECT json_build_object('id', id, 'entities', geo_entities(body)) FROM g" \
			>"$LOGS/gold.pred.jsonl"
		if python3 "$GT_ROOT/test/eval/eval_entities.py" --gold "$g" --pred "$LOGS/gold.pred.jsonl" \
			--details 3 --min-f1 countries=0.95 --min-f1 orgs=0.95 --min-f1 blocs=0.95 --min-f1 persons=0.95; then
			add_counts "gold $(basename "$g")" 1 0
		else
			add_counts "gold $(basename "$g")" 0 1
		fi
	done

	echo "== sample articles: accuracy thresholds"
	if python3 "$GT_ROOT/test/eval/eval_entities.py" --help >/dev/null 2>&1; then
		psql -X -q -c "CREATE DATABASE samples" && psql -X -q -d samples -c "CREATE EXTENSION geotext"
		gt_load_samples samples
		psql -X -q -d samples -At -c "SELECT json_build_object('id', file || '.txt', 'entities', geo_entities(body)) FROM samples" \
			>"$LOGS/samples.pred.jsonl"
		if python3 "$GT_ROOT/test/eval/eval_entities.py" --gold "$GT_ROOT/test/samples/gold.tsv" \
			--pred "$LOGS/samples.pred.jsonl" --min-f1 countries=0.95 --min-f1 orgs=0.95 \
			--min-f1 blocs=0.95 --min-f1 persons=0.95 --details 5; then
			add_counts "samples" 1 0
		else
			add_counts "samples" 0 1
		fi
	else
		echo "test/eval/eval_entities.py is missing"
		add_counts "samples" 0 1
	fi
else
	add_counts "cluster" 0 1
fi
gt_stop_cluster

echo "== postgres_fdw shards"
GT_SCALE_NO_BUILD=1 bash "$GT_ROOT/test/scale/fdw_shards.sh" >"$LOGS/fdw.log" 2>&1
grep -E 'Remote SQL|^(ok|not ok)' "$LOGS/fdw.log" | head -12
read -r p f < <(counts_of "$LOGS/fdw.log" || echo "0 1")
add_counts "scale-fdw" "${p:-0}" "${f:-1}"
bash "$GT_ROOT/test/scale/citus.sh" 2>&1 | tail -2

rm -rf "$LOGS"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

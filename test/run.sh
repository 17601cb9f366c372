#!/usr/bin/env bash
# Every test: install what is missing, build and install geotext, then
#   1. the C unit tests of the core,
#   2. the same unit tests under AddressSanitizer + UBSan,
#   3. pg_regress (sql/ + expected/) on a throwaway cluster,
#   4. accuracy thresholds on the sample articles (test/samples/gold.tsv).
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

echo "== pg_regress"
if gt_start_cluster; then
	PG_REGRESS="$($PG_CONFIG --pkglibdir)/pgxs/src/test/regress/pg_regress"
	tests=$(make -s -C "$GT_ROOT" with_llvm=no print-regress)
	"$PG_REGRESS" --inputdir="$GT_ROOT" --outputdir="$LOGS" --bindir="$($PG_CONFIG --bindir)" \
		--host="$PGHOST" --port="$PGPORT" --user="$PGUSER" --dbname=contrib_regression \
		--load-extension=geotext $tests 2>&1 | tee "$LOGS/regress.log"
	total=$(echo $tests | wc -w)
	bad=$(grep -cE '^not ok|\.\.\. FAILED| FAILED ' "$LOGS/regress.log")
	[ -f "$LOGS/regression.diffs" ] && head -200 "$LOGS/regression.diffs"
	add_counts "pg_regress" $((total - bad)) "$bad"

	echo "== sample articles: accuracy thresholds"
	if python3 "$GT_ROOT/test/eval/eval_entities.py" --help >/dev/null 2>&1; then
		psql -X -q -c "CREATE DATABASE samples" && psql -X -q -d samples -c "CREATE EXTENSION geotext"
		gt_load_samples samples
		psql -X -q -d samples -At -c "SELECT json_build_object('id', file || '.txt', 'entities', geo_entities(body)) FROM samples" \
			>"$LOGS/samples.pred.jsonl"
		if python3 "$GT_ROOT/test/eval/eval_entities.py" --gold "$GT_ROOT/test/samples/gold.tsv" \
			--pred "$LOGS/samples.pred.jsonl" --field countries --min-f1 countries=0.90 --details 5; then
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

rm -rf "$LOGS"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

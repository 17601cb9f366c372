#!/usr/bin/env bash
# Scores the core's geo_entities() against gold annotations without PostgreSQL: builds
# build/core_predict (make eval-core), runs it on the gold texts and scores the result with
# eval_entities.py.  Same predictions and scores as test/eval/eval.sh, in seconds, and nothing is
# installed.
#
#   bash test/eval/eval_core.sh GOLD [GOLD2 ...] [-- eval_entities.py options]
#
# GOLD: a JSONL gold file or a TSV like test/samples/gold.tsv.  Options after `--` go to
# eval_entities.py (--field countries, --min-f1 countries=0.8, --details 20); its exit status is
# this script's.  GT_EVAL_PRED=FILE keeps the predictions (JSONL) in FILE.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

golds=() opts=()
while [ $# -gt 0 ]; do
	case $1 in
		--) shift; opts=("$@"); break ;;
		-h|--help) sed -n '2,11p' "$0"; exit 0 ;;
		*) golds+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
	esac
done
[ ${#golds[@]} -gt 0 ] || { echo "usage: bash test/eval/eval_core.sh GOLD [GOLD2 ...] [-- options]" >&2; exit 2; }
command -v python3 >/dev/null || { echo "eval_core.sh: python3 is needed" >&2; exit 2; }
gold_args=()
for g in "${golds[@]}"; do
	[ -r "$g" ] || { echo "eval_core.sh: cannot read $g" >&2; exit 2; }
	gold_args+=(--gold "$g")
done

make -C "$ROOT" -s eval-core >/dev/null

WORK=$(mktemp -d "${TMPDIR:-/tmp}/geotext-eval-core.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/eval_entities.py" "${gold_args[@]}" --export-texts "$WORK/texts.tsv"
"$ROOT/build/core_predict" < "$WORK/texts.tsv" > "$WORK/pred.jsonl"
[ -n "${GT_EVAL_PRED:-}" ] && cp "$WORK/pred.jsonl" "$GT_EVAL_PRED"

rc=0
python3 "$HERE/eval_entities.py" "${gold_args[@]}" --pred - "${opts[@]}" < "$WORK/pred.jsonl" || rc=$?
exit $rc

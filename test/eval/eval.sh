#!/usr/bin/env bash
# Scores geo_entities() against gold annotations: installs what is missing, builds and installs
# geotext, starts a throwaway cluster, loads the gold texts, runs geo_entities (and geo_mentions,
# to show what triggered each false positive) on every text and scores the result with
# eval_entities.py.
#
#   bash test/eval/eval.sh [--core] GOLD [GOLD2 ...] [-- eval_entities.py options]
#
# --core: the same predictions without PostgreSQL, from the core and the lexicon alone
# (build/core_predict, `make eval-core`): seconds, nothing installed; the loop for lexicon work.
# GOLD: a JSONL gold file (id, text, countries, countries_via_person, orgs, blocs, persons) or a
# TSV like test/samples/gold.tsv (texts next to it).  Options after `--` go to eval_entities.py
# (--field countries, --min-f1 countries=0.8, --details 20); its exit status is this script's.
# GT_EVAL_PRED=FILE keeps the predictions (JSONL) in FILE.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../lib.sh"

golds=() opts=() core=0
while [ $# -gt 0 ]; do
	case $1 in
		--) shift; opts=("$@"); break ;;
		-h|--help) sed -n '2,16p' "$0"; exit 0 ;;
		--core) core=1; shift ;;
		*) golds+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
	esac
done
[ ${#golds[@]} -gt 0 ] || { echo "usage: bash test/eval/eval.sh [--core] GOLD [GOLD2 ...] [-- options]" >&2; exit 2; }
command -v python3 >/dev/null || { echo "eval.sh: python3 is needed" >&2; exit 2; }
gold_args=()
for g in "${golds[@]}"; do
	[ -r "$g" ] || { echo "eval.sh: cannot read $g" >&2; exit 2; }
	gold_args+=(--gold "$g")
done

if [ $core = 1 ]; then
	make -C "$GT_ROOT" -s eval-core >/dev/null
	WORK=$(mktemp -d /tmp/geotext-eval.XXXXXX)
	trap 'rm -rf "$WORK"' EXIT
	python3 "$HERE/eval_entities.py" "${gold_args[@]}" --export-texts "$WORK/texts.tsv"
	"$GT_ROOT/build/core_predict" <"$WORK/texts.tsv" >"$WORK/pred.jsonl"
	[ -n "${GT_EVAL_PRED:-}" ] && cp "$WORK/pred.jsonl" "$GT_EVAL_PRED"
	rc=0
	python3 "$HERE/eval_entities.py" "${gold_args[@]}" --pred - "${opts[@]}" <"$WORK/pred.jsonl" || rc=$?
	exit $rc
fi

gt_install_deps
gt_build_install
gt_start_cluster

WORK=$(mktemp -d /tmp/geotext-eval.XXXXXX)
trap 'gt_stop_cluster; rm -rf "$WORK"' EXIT
export PGCLIENTENCODING=UTF8

# Texts -> base64 TSV (python parses both gold formats; base64 survives COPY whatever the text
# holds: tabs, quotes, backslashes, newlines, a line "\." that psql would take for the end).
python3 "$HERE/eval_entities.py" "${gold_args[@]}" --export-texts "$WORK/texts.tsv"

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE geotext_eval"
export PGDATABASE=geotext_eval
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION geotext;
CREATE TABLE docs (ord serial PRIMARY KEY, file text NOT NULL, id text NOT NULL, text text NOT NULL);
-- One document's result as JSON; an error in geo_entities is reported, not fatal.
CREATE FUNCTION eval_doc(t text) RETURNS json LANGUAGE plpgsql AS $$
BEGIN
	RETURN json_build_object(
		'entities', geo_entities(t),
		'mentions', (SELECT coalesce(json_agg(json_build_array(entity, surface)), '[]')
		             FROM (SELECT DISTINCT m.entity, m.surface FROM geo_mentions(t) m) s));
EXCEPTION WHEN OTHERS THEN
	RETURN json_build_object('entities', '[]'::json, 'error', SQLERRM);
END $$;
SQL
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TEMP TABLE raw (file text, id text, text text)" \
	-c "COPY raw FROM STDIN" \
	-c "INSERT INTO docs (file, id, text)
	    SELECT convert_from(decode(file, 'base64'), 'UTF8'), convert_from(decode(id, 'base64'), 'UTF8'),
	           convert_from(decode(text, 'base64'), 'UTF8')
	    FROM raw" < "$WORK/texts.tsv"
echo "== loaded $(psql -X -At -c "SELECT count(*) FROM docs") documents"

# One JSON object a line (json_build_object escapes newlines inside strings).
start=$(date +%s.%N)
psql -X -At -v ON_ERROR_STOP=1 -c "
SELECT json_build_object('file', file, 'id', id) :: jsonb || eval_doc(text) :: jsonb
FROM docs ORDER BY ord" > "$WORK/pred.jsonl"
end=$(date +%s.%N)
echo "== geo_entities + geo_mentions on $(wc -l < "$WORK/pred.jsonl") documents: $(python3 -c "print('%.2f s' % ($end - $start))")"
[ -n "${GT_EVAL_PRED:-}" ] && cp "$WORK/pred.jsonl" "$GT_EVAL_PRED"
echo

rc=0
python3 "$HERE/eval_entities.py" "${gold_args[@]}" --pred - "${opts[@]}" < "$WORK/pred.jsonl" || rc=$?
exit $rc

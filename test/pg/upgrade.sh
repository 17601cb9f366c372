#!/usr/bin/env bash
# Upgrade test: install the oldest version, ALTER EXTENSION UPDATE step by
# step to the default version, and compare the schema (pg_dump
# --schema-only, and the extension's member list) with a fresh install.
# Uses the running cluster of PGHOST/PGPORT (test/run.sh starts one).
# Ends with `upgrade: N passed, N failed`.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }

# the oldest full script shipped, then the chain of upgrade scripts from it
oldest=$(ls "$ROOT"/src/geotext--*.sql | sed -n 's/.*geotext--\([0-9.]*\)\.sql$/\1/p' | sort -V | head -1)
default=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$ROOT/geotext.control")
work=$(mktemp -d /tmp/geotext-upgrade.XXXXXX)
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS gt_upgraded" -c "DROP DATABASE IF EXISTS gt_fresh" >/dev/null 2>&1' EXIT

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS gt_upgraded" -c "DROP DATABASE IF EXISTS gt_fresh" \
	-c "CREATE DATABASE gt_upgraded" -c "CREATE DATABASE gt_fresh" >/dev/null
psql -X -q -d gt_upgraded -c "CREATE EXTENSION geotext VERSION '$oldest'" || not_ok "install $oldest"
# a table that uses the extension, as a user's would
psql -X -q -d gt_upgraded -c "CREATE TABLE articles (body text, entities text[] GENERATED ALWAYS AS (geo_entities(body)) STORED)" \
	-c "INSERT INTO articles VALUES ('Moscou et Pékin')" -c "CREATE INDEX ON articles USING gin (geo_entities(body))"
current=$oldest
while next=$(ls "$ROOT"/src/geotext--"$current"--*.sql 2>/dev/null | sed -n 's/.*--\([0-9.]*\)\.sql$/\1/p' | head -1) && [ -n "$next" ]; do
	if psql -X -q -d gt_upgraded -c "ALTER EXTENSION geotext UPDATE TO '$next'"; then
		ok "ALTER EXTENSION geotext UPDATE TO '$next' (from $current)"
	else
		not_ok "ALTER EXTENSION geotext UPDATE TO '$next' (from $current)"
		break
	fi
	current=$next
done
psql -X -q -d gt_upgraded -c "DROP TABLE articles"
psql -X -q -d gt_fresh -c "CREATE EXTENSION geotext"

got=$(psql -X -At -d gt_upgraded -c "SELECT extversion FROM pg_extension WHERE extname = 'geotext'")
[ "$got" = "$default" ] && ok "upgraded to the default version $default" || not_ok "upgraded to '$got', not '$default'"

# the catalogue: pg_dump of both (headers aside) and the extension's members
for db in gt_upgraded gt_fresh; do
	# (\restrict lines carry a random key)
	pg_dump --schema-only --no-owner -d "$db" | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict' >"$work/$db.sql"
	psql -X -At -d "$db" -c "SELECT pg_describe_object(classid, objid, objsubid) FROM pg_depend
		WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
		AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'geotext') ORDER BY 1" >"$work/$db.members"
done
if diff -u "$work/gt_fresh.sql" "$work/gt_upgraded.sql"; then
	ok "pg_dump --schema-only: upgraded = fresh install"
else
	not_ok "pg_dump --schema-only differs between upgraded and fresh install"
fi
if diff -u "$work/gt_fresh.members" "$work/gt_upgraded.members"; then
	ok "extension members: upgraded = fresh install ($(wc -l <"$work/gt_fresh.members") objects)"
else
	not_ok "extension members differ"
fi
same=$(psql -X -At -d gt_upgraded -c "SELECT geo_entities('Moscou et Pékin') = '{CHN,RUS}'")
[ "$same" = t ] && ok "functions work after the upgrade" || not_ok "functions after the upgrade"
echo "upgrade: $passed passed, $failed failed"
[ "$failed" = 0 ]

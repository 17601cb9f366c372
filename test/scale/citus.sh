#!/usr/bin/env bash
# Scale-out with Citus: geotext on a distributed table.
#
#   Usage: bash test/scale/citus.sh [MB]
#
#   MB  size of the corpus, in MB of 10^6 bytes (default 2)
#
# Runs only when Citus is installed for PostgreSQL 15 (citus.so in
# `pg_config --pkglibdir`).  Citus is not in Debian's archive; it comes from
# Citus Data's own repository (package postgresql-15-citus-<version>), so on a
# stock Debian machine this script prints
#   citus: skipped (Citus is not installed)
#   scale-citus: 0 passed, 0 failed, 1 skipped
# and exits 0.
#
# With Citus it builds and installs geotext (unless GT_SCALE_NO_BUILD=1),
# starts two throwaway clusters (a coordinator and a worker, ports 54351 and
# 54352 or GT_CITUS_PORT and GT_CITUS_PORT+1, listening on 127.0.0.1 only,
# plus a unix socket), and checks that
#   - create_distributed_table('articles', 'id') works with geotext installed
#     on both nodes, and every node runs the same geotext;
#   - a distributed `WHERE geo_entities(body) @> '{CHN}'` sends geo_entities
#     to the worker's shards (EXPLAIN VERBOSE) and gives the same ids as a
#     local copy of the table;
#   - `UPDATE articles SET entities = geo_entities(body)` is accepted (Citus
#     allows it because geo_entities is IMMUTABLE) and stores the same arrays
#     as the local copy; a GIN index on entities is then used on the shards.
# Ends with `scale-citus: 1 passed, 0 failed` (or 0 passed, 1 failed).
set -uo pipefail
source "$(dirname "$0")/../lib.sh"

PG_CONFIG_15=/usr/lib/postgresql/$GT_PG_VERSION/bin/pg_config
if ! [ -x "$PG_CONFIG_15" ] || ! [ -f "$("$PG_CONFIG_15" --pkglibdir)/citus.so" ]; then
	if command -v apt-cache >/dev/null; then
		policy=$(apt-cache policy "postgresql-$GT_PG_VERSION-citus*" 2>/dev/null)
		echo "== apt-cache policy 'postgresql-$GT_PG_VERSION-citus*': ${policy:-no such package in the configured apt sources}"
	fi
	echo "citus: skipped (Citus is not installed)"
	echo
	echo "scale-citus: 0 passed, 0 failed, 1 skipped"
	exit 0
fi

SCALE_TEST=scale-citus
NODES=(coord worker)
BASE_PORT=${GT_CITUS_PORT:-54351}
DB=news
source "$(dirname "$0")/nodes.sh"
scale_parse_mb "${1:-}" 2

# Citus's nodes reach one another over TCP: 127.0.0.1 only; citus must be
# the first extension of the database.
start_citus() {
	start_nodes "-c listen_addresses=127.0.0.1 -c max_worker_processes=16 -c shared_preload_libraries=citus" \
		citus geotext || return 1
	q coord -c "SELECT citus_set_coordinator_host('127.0.0.1', $(port_of coord))" \
		-c "SELECT citus_add_node('127.0.0.1', $(port_of worker))" >/dev/null || return 1
	q coord -c "SELECT nodename, nodeport, noderole FROM pg_dist_node ORDER BY nodeport"
}

load_corpus() {
	echo
	echo "== distributed table articles, about $MB MB"
	make_bench_table || return 1
	local sql="
CREATE TABLE articles (id bigint PRIMARY KEY, body text, entities text[]);
SELECT create_distributed_table('articles', 'id');
INSERT INTO articles (id, body) SELECT id, body FROM bench;"
	echo "$sql"
	q coord -c "CREATE TABLE articles_local (id bigint PRIMARY KEY, body text, entities text[])" \
		-c "INSERT INTO articles_local (id, body) SELECT id, body FROM bench" || return 1
	q coord -c "$sql" >/dev/null || return 1
	q coord -At -F ' ' -c "
		SELECT 'articles (distributed):', count(*), 'rows in', (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'articles'::regclass), 'shards' FROM articles
		UNION ALL SELECT 'articles_local:        ', count(*), 'rows', '', '' FROM articles_local"
}

distributed_queries() {
	local query="SELECT id FROM articles WHERE geo_entities(body) @> '{CHN}'" plan
	echo
	echo "== EXPLAIN (VERBOSE, COSTS OFF) $query"
	plan=$(q coord -c "EXPLAIN (VERBOSE, COSTS OFF) $query") || { fail "EXPLAIN failed"; return; }
	echo "$plan"
	if echo "$plan" | grep -qE 'Custom Scan \(Citus' &&
		echo "$plan" | grep -E 'articles_[0-9]+' | grep -q 'geo_entities'; then
		ok "filter: geo_entities runs in the shard queries"
	else
		fail "filter: geo_entities not in the shard queries"
	fi
	compare "ids mentioning CHN" \
		"SELECT count(*) || ' rows, md5 ' || md5(string_agg(id::text, ',' ORDER BY id)) FROM articles WHERE geo_entities(body) @> '{CHN}'"
	compare "count with &&" \
		"SELECT count(*) FROM articles WHERE geo_entities(body) && '{RUS,USA}'"
}

update_entities() {
	echo
	echo "== UPDATE articles SET entities = geo_entities(body)"
	if q coord -c "UPDATE articles SET entities = geo_entities(body)" \
		-c "UPDATE articles_local SET entities = geo_entities(body)"; then
		ok "UPDATE with geo_entities accepted on the distributed table"
	else
		fail "UPDATE with geo_entities rejected"
		return
	fi
	compare "stored entities" \
		"SELECT count(*) || ' rows, md5 ' || md5(string_agg(id || ':' || entities::text, ',' ORDER BY id)) FROM articles"
	q coord -c "CREATE INDEX articles_entities ON articles USING gin (entities)" || { fail "GIN index"; return; }
	local query="SELECT count(*) FROM articles WHERE entities @> '{CHN,RUS}'" plan
	echo
	echo "== EXPLAIN (VERBOSE, COSTS OFF) $query  (enable_seqscan = off on the shards)"
	plan=$(q coord -c "SET citus.propagate_set_commands = 'local'" -c "BEGIN" -c "SET LOCAL enable_seqscan = off" \
		-c "EXPLAIN (VERBOSE, COSTS OFF) $query" -c "COMMIT") || { fail "EXPLAIN failed"; return; }
	echo "$plan"
	compare "count on the stored column" "$query"
}

main() {
	trap finish EXIT
	trap 'exit 130' INT TERM
	scale_prepare
	start_citus || { fail "clusters did not start"; return 1; }
	check_same_on_nodes "Citus and geotext" \
		"SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus') || ' | ' || geotext_version()"
	load_corpus || { fail "loading the corpus"; return 1; }
	distributed_queries
	update_entities
	completed=1
}

main "$@"

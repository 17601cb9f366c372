#!/usr/bin/env bash
# Scale-out with postgres_fdw: geotext evaluated on the shards.
#
#   Usage: bash test/scale/fdw_shards.sh [MB]
#
#   MB  size of the corpus, in MB of 10^6 bytes (default 4)
#
# Like test/run.sh it installs what is missing and builds and installs
# geotext first; with GT_SCALE_NO_BUILD=1 it uses the geotext installed.
#
# Starts three throwaway clusters in one temporary folder (a coordinator and
# two shards, ports 54341-54343 or GT_SCALE_PORT..GT_SCALE_PORT+2, unix
# sockets only: listen_addresses is empty), installs geotext on all three,
# and on the coordinator builds a table `articles` partitioned by list on
# id % 2 whose two partitions are postgres_fdw foreign tables, one on each
# shard, with the foreign servers' option `extensions 'geotext'`.  (Hash
# partitioning on id ships filters just as well; a key that is an expression
# users can write, id % 2, also lets GROUP BY it push whole aggregates.)  It loads a corpus
# built from test/samples (repeated and varied by test/bench/make_bench.sql),
# keeps a local copy of it on the coordinator, and checks that
#   - every node runs the same geotext (geotext_version() is equal);
#   - EXPLAIN VERBOSE of a filter on geo_entities(body) and of aggregates over
#     it shows geo_entities in the Remote SQL of every shard, the aggregate
#     itself pushed down too (partitionwise aggregation);
#   - without the `extensions` option the filter is evaluated on the
#     coordinator instead (the control case);
#   - the distributed queries give the same results as the local copy.
# The clusters and their folder are removed on exit.  Ends with the line
# `scale-fdw: 1 passed, 0 failed` (or 0 passed, 1 failed) and exits non-zero
# on failure.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"

SCALE_TEST=scale-fdw
NODES=(coord shard1 shard2)
BASE_PORT=${GT_SCALE_PORT:-54341}
DB=news
source "$(dirname "$0")/nodes.sh"
scale_parse_mb "${1:-}" 4

setup_shards() {
	echo
	echo "== shards: the partition tables"
	q shard1 -c "CREATE TABLE articles_p0 (id bigint PRIMARY KEY, body text)" || return 1
	q shard2 -c "CREATE TABLE articles_p1 (id bigint PRIMARY KEY, body text)" || return 1
	echo "shard1: articles_p0    shard2: articles_p1"
}

setup_coordinator() {
	echo
	echo "== coordinator: foreign servers, user mappings, partitioned table"
	local sql
	sql="
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$SCALE_DIR', port '$(port_of shard1)', dbname '$DB',
	         extensions 'geotext', fetch_size '1000', batch_size '200');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$SCALE_DIR', port '$(port_of shard2)', dbname '$DB',
	         extensions 'geotext', fetch_size '1000', batch_size '200');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user '$PGUSER');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user '$PGUSER');

CREATE TABLE articles (id bigint NOT NULL, body text) PARTITION BY LIST ((id % 2));
CREATE FOREIGN TABLE articles_p0 PARTITION OF articles
	FOR VALUES IN (0)
	SERVER shard1 OPTIONS (schema_name 'public', table_name 'articles_p0');
CREATE FOREIGN TABLE articles_p1 PARTITION OF articles
	FOR VALUES IN (1)
	SERVER shard2 OPTIONS (schema_name 'public', table_name 'articles_p1');
"
	echo "$sql" | sed "s|$SCALE_DIR|<socket dir>|"
	q coord -c "$sql" || return 1
}

# The corpus: test/samples repeated and varied up to $MB MB, kept on the
# coordinator as articles_local, then routed through the partitioned table.
load_corpus() {
	echo
	echo "== loading about $MB MB of articles"
	make_bench_table || return 1
	q coord -c "CREATE TABLE articles_local (id bigint PRIMARY KEY, body text)" \
		-c "INSERT INTO articles_local SELECT id, body FROM bench" \
		-c "INSERT INTO articles SELECT id, body FROM articles_local" \
		-c "ANALYZE articles_local" || return 1
	q shard1 -c "ANALYZE articles_p0" || return 1
	q shard2 -c "ANALYZE articles_p1" || return 1
	q coord -c "ANALYZE articles" || return 1
	q coord -At -F ' ' -c "
		SELECT 'coordinator (local copy):', count(*), 'rows,', round(sum(octet_length(body)) / 1e6, 2), 'MB' FROM articles_local
		UNION ALL SELECT 'articles (all shards):   ', count(*), 'rows,', round(sum(octet_length(body)) / 1e6, 2), 'MB' FROM articles"
	q shard1 -At -F ' ' -c "SELECT 'shard1 articles_p0:       ', count(*), 'rows' FROM articles_p0"
	q shard2 -At -F ' ' -c "SELECT 'shard2 articles_p1:       ', count(*), 'rows' FROM articles_p1"
}

# explain_check LABEL QUERY PATTERN...: prints EXPLAIN (VERBOSE, COSTS OFF)
# of QUERY on the coordinator and checks that each shard's Remote SQL line
# matches every PATTERN (extended regular expressions).
explain_check() {
	local label=$1 query=$2
	shift 2
	local plan remote n pat
	echo
	echo "== EXPLAIN (VERBOSE, COSTS OFF) $query"
	plan=$(q coord -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $query") || {
		fail "$label: EXPLAIN failed"
		return
	}
	echo "$plan"
	remote=$(echo "$plan" | grep 'Remote SQL:')
	for pat in "$@"; do
		remote=$(echo "$remote" | grep -E -- "$pat")
	done
	n=$(echo "$remote" | grep -c 'Remote SQL:')
	if [ "$n" = 2 ]; then
		ok "$label: computed on both shards (Remote SQL matches: $*)"
	else
		fail "$label: $n of 2 Remote SQL lines match: $*"
	fi
}

explain_checks() {
	explain_check "filter" \
		"SELECT id FROM articles WHERE geo_entities(body) @> '{CHN}'" \
		'WHERE \(\(public\.geo_entities\(body\) @> '
	# PostgreSQL 15's postgres_fdw cannot push a partial aggregate: a total
	# over all shards is finished on the coordinator, but the filter, hence
	# geo_entities, still runs on the shards, which send back empty rows.
	explain_check "count with &&" \
		"SELECT count(*) FROM articles WHERE geo_entities(body) && '{RUS,USA}'" \
		'WHERE \(\(public\.geo_entities\(body\) && '
	# Grouped by the partition key, partitionwise aggregation sends each
	# shard the whole aggregate; the coordinator adds one row per shard.
	explain_check "aggregate grouped by the partition key" \
		"SELECT sum(n) FROM (SELECT sum(cardinality(geo_entities(body))) AS n FROM articles GROUP BY id % 2) s" \
		'SELECT sum\(cardinality\(public\.geo_entities\(body\)\)\), .* FROM .* GROUP BY'
	explain_check "count grouped by the partition key" \
		"SELECT id % 2 AS shard, count(*) FROM articles WHERE geo_entities(body) && '{RUS,USA}' GROUP BY id % 2" \
		'SELECT \(id % 2::bigint\), count\(\*\) FROM .*public\.geo_entities\(body\) && .* GROUP BY'

	# For the record (not a check): an aggregate over geo_entities without
	# the partition key in GROUP BY is computed on the coordinator, from the
	# whole text the shards send.
	echo
	echo "== note: EXPLAIN (VERBOSE, COSTS OFF) SELECT sum(cardinality(geo_entities(body))) FROM articles"
	q coord -c "SET enable_partitionwise_aggregate = on" \
		-c "EXPLAIN (VERBOSE, COSTS OFF) SELECT sum(cardinality(geo_entities(body))) FROM articles"

	# A STABLE function is never shipped, extension or not: geo_entities_custom
	# (0.2.0 and later) reads the custom actor tables of the database it runs
	# in, which may differ between nodes.
	local plan
	if [ "$(q coord -At -c "SELECT to_regprocedure('geo_entities_custom(text)') IS NOT NULL")" = t ]; then
		echo
		echo "== STABLE: EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE geo_entities_custom(body) @> '{CHN}'"
		plan=$(q coord -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE geo_entities_custom(body) @> '{CHN}'")
		echo "$plan"
		if ! echo "$plan" | grep -q 'Remote SQL:.*geo_entities_custom' &&
			[ "$(echo "$plan" | grep -cE 'Filter: \(geo_entities_custom\(')" = 2 ]; then
			ok "STABLE geo_entities_custom is evaluated on the coordinator"
		else
			fail "STABLE geo_entities_custom: unexpected plan"
		fi
	fi

	# Control: without `extensions 'geotext'`, postgres_fdw does not know the
	# shards have geotext and evaluates the filter on the coordinator.
	echo
	echo "== control: the filter without the extensions option"
	plan=$(q coord -c "ALTER SERVER shard1 OPTIONS (DROP extensions)" \
		-c "ALTER SERVER shard2 OPTIONS (DROP extensions)" \
		-c "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE geo_entities(body) @> '{CHN}'" \
		-c "ALTER SERVER shard1 OPTIONS (ADD extensions 'geotext')" \
		-c "ALTER SERVER shard2 OPTIONS (ADD extensions 'geotext')")
	echo "$plan"
	if echo "$plan" | grep -q 'Remote SQL:.*geo_entities'; then
		fail "control: geo_entities shipped without the extensions option"
	elif [ "$(echo "$plan" | grep -cE 'Filter: \(geo_entities\([a-z0-9_]+\.body\) @> ')" = 2 ]; then
		ok "control: without the option the filter runs on the coordinator"
	else
		fail "control: unexpected plan without the extensions option"
	fi
}

# compare (test/scale/nodes.sh) runs its queries with partitionwise aggregation.
SCALE_SETTINGS="SET enable_partitionwise_aggregate = on"

compare_results() {
	echo
	echo "== results: shards against the local copy"
	compare "ids mentioning CHN" \
		"SELECT count(*) || ' rows, md5 ' || md5(string_agg(id::text, ',' ORDER BY id)) FROM (SELECT id FROM articles WHERE geo_entities(body) @> '{CHN}') s"
	compare "count with &&" \
		"SELECT count(*) FROM articles WHERE geo_entities(body) && '{RUS,USA}'"
	compare "sum of cardinality" \
		"SELECT sum(cardinality(geo_entities(body))) FROM articles"
	compare "sum of cardinality, grouped by the partition key" \
		"SELECT sum(n) FROM (SELECT sum(cardinality(geo_entities(body))) AS n FROM articles GROUP BY id % 2) s"
	compare "count with &&, grouped by the partition key" \
		"SELECT string_agg(shard || '=' || n, ' ' ORDER BY shard) FROM (SELECT id % 2 AS shard, count(*) AS n FROM articles WHERE geo_entities(body) && '{RUS,USA}' GROUP BY id % 2) s"
	compare "every row's entities" \
		"SELECT count(*) || ' rows, md5 ' || md5(string_agg(id || ':' || geo_entities(body)::text, ',' ORDER BY id)) FROM articles"
	# The same arrays computed on the shards themselves (a SELECT list is not
	# shipped by postgres_fdw, so ask the shards directly).
	local on_shards on_coord
	on_shards=$( {
		q shard1 -At -c "SELECT id || ':' || geo_entities(body)::text FROM articles_p0"
		q shard2 -At -c "SELECT id || ':' || geo_entities(body)::text FROM articles_p1"
	} | LC_ALL=C sort | md5sum)
	on_coord=$(q coord -At -c "SELECT id || ':' || geo_entities(body)::text FROM articles_local" | LC_ALL=C sort | md5sum)
	if [ "$on_shards" = "$on_coord" ]; then
		ok "every row's entities computed on its shard = on the coordinator (md5 ${on_coord%% *})"
	else
		fail "entities computed on the shards differ from the coordinator's"
	fi
	compare "top countries" \
		"SELECT string_agg(e || '=' || n, ' ' ORDER BY n DESC, e) FROM (SELECT e, count(*) AS n FROM articles, unnest(geo_entities(body)) AS e GROUP BY e ORDER BY n DESC, e LIMIT 8) t"
}

main() {
	trap finish EXIT
	trap 'exit 130' INT TERM
	scale_prepare
	# unix sockets only: listen_addresses is empty
	start_nodes "-c listen_addresses='' -c max_worker_processes=8" geotext ||
		{ fail "clusters did not start"; return 1; }
	check_same_on_nodes "extension version and lexicon checksum" \
		"SELECT e.extversion || ' | ' || geotext_version() FROM pg_extension e WHERE e.extname = 'geotext'"
	setup_shards || { fail "shard setup"; return 1; }
	setup_coordinator || { fail "coordinator setup"; return 1; }
	load_corpus || { fail "loading the corpus"; return 1; }
	explain_checks
	compare_results
	completed=1
}

main "$@"

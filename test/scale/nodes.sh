# test/scale/nodes.sh — throwaway PostgreSQL nodes for the scale-out tests,
# sourced by fdw_shards.sh and citus.sh (after test/lib.sh).
#
# The caller sets, before calling anything here:
#   SCALE_TEST  the name of its summary line (`scale-fdw`)
#   NODES       node names, the first one the coordinator (`coord shard1 …`)
#   BASE_PORT   the port of the first node; the others follow
#   DB          the database created on every node
# and calls scale_parse_mb "$@" DEFAULT_MB, then, in its main, trap finish
# EXIT, scale_prepare, start_nodes, its checks, and completed=1.

SCALE_DIR=""
failures=0
completed=0

ok() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# Sets MB from the first argument (or the default, the second): a size in MB
# of 10^6 bytes.
scale_parse_mb() {
	MB=${1:-$2}
	if ! [[ $MB =~ ^[0-9]+([.][0-9]+)?$ ]] || [[ $MB =~ ^[0.]+$ ]]; then
		echo "$(basename "$0"): MB must be a positive number, not '$MB'" >&2
		exit 2
	fi
}

# The port of node $1: BASE_PORT plus its place in NODES.
port_of() {
	local i
	for i in "${!NODES[@]}"; do
		[ "${NODES[$i]}" = "$1" ] && { echo $((BASE_PORT + i)); return; }
	done
}

# psql on node $1 (database $DB unless -d is given again), quiet, stop on error.
q() {
	local node=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -h "$SCALE_DIR" -p "$(port_of "$node")" -d "$DB" "$@"
}

stop_clusters() {
	local node
	if [ -n "$SCALE_DIR" ] && [ -d "$SCALE_DIR" ]; then
		for node in "${NODES[@]}"; do
			[ -f "$SCALE_DIR/$node/postmaster.pid" ] &&
				"${GT_RUN_PG[@]}" pg_ctl -D "$SCALE_DIR/$node" -m immediate stop >/dev/null 2>&1
		done
		rm -rf "$SCALE_DIR"
	fi
}

# The EXIT trap: stops the nodes, prints the summary line, sets the status.
finish() {
	local rc=$?
	stop_clusters
	echo
	if [ "$failures" = 0 ] && [ "$completed" = 1 ]; then
		echo "$SCALE_TEST: 1 passed, 0 failed"
		exit 0
	fi
	[ "$completed" = 1 ] || echo "$(basename "$0"): stopped early (status $rc)"
	echo "$SCALE_TEST: 0 passed, 1 failed"
	exit 1
}

# Installs what is missing and builds and installs geotext, unless
# GT_SCALE_NO_BUILD=1 (then the geotext installed is used).
scale_prepare() {
	set -e
	gt_install_deps
	if [ "${GT_SCALE_NO_BUILD:-0}" = 1 ]; then
		echo "== GT_SCALE_NO_BUILD=1: using the geotext already installed"
	else
		gt_build_install
	fi
	set +e
}

# Starts every node in one temporary folder (unix socket in it), with the
# server options $1, creates $DB and, in order, the extensions $2 ….
start_nodes() {
	local options=$1 node ext
	shift
	gt_cluster_folder scale
	SCALE_DIR=$GT_FOLDER
	unset PGHOST PGPORT PGDATABASE
	for node in "${NODES[@]}"; do
		gt_initdb "$SCALE_DIR/$node" || return 1
		"${GT_RUN_PG[@]}" pg_ctl -D "$SCALE_DIR/$node" -l "$SCALE_DIR/$node.log" -w \
			-o "-k $SCALE_DIR -p $(port_of "$node") -c fsync=off $options" \
			start >/dev/null || { cat "$SCALE_DIR/$node.log"; return 1; }
		psql -X -q -v ON_ERROR_STOP=1 -h "$SCALE_DIR" -p "$(port_of "$node")" -d postgres \
			-c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" || return 1
		for ext in "$@"; do
			q "$node" -c "CREATE EXTENSION $ext" || return 1
		done
		echo "== $node: port $(port_of "$node"), socket in $SCALE_DIR"
	done
}

# Every node gives the same answer to the query $2 (what it reports: $1):
# the shards compute what the coordinator would.
check_same_on_nodes() {
	local what=$1 sql=$2 node v first=""
	echo
	echo "== $what on each node"
	for node in "${NODES[@]}"; do
		v=$(q "$node" -At -c "$sql")
		echo "$node: $v"
		[ -z "$first" ] && first=$v
		[ "$v" = "$first" ] || { fail "$what differs between nodes"; return; }
	done
	ok "same $what on all nodes"
}

# The table bench on the coordinator: the sample articles repeated and
# varied up to $MB MB (test/bench/make_bench.sql).
make_bench_table() {
	PGHOST=$SCALE_DIR PGPORT=$(port_of coord) gt_load_samples "$DB" || return 1
	q coord -c "CREATE TABLE source_articles (n serial, body text NOT NULL)" \
		-c "INSERT INTO source_articles (body) SELECT body FROM samples ORDER BY file" || return 1
	q coord -v mb="$MB" -f "$GT_ROOT/test/bench/make_bench.sql"
}

# compare LABEL QUERY: QUERY on the distributed table `articles` (after the
# statement SCALE_SETTINGS, if set) and, with `articles` replaced by
# `articles_local`, on the coordinator's local copy: the outputs must match.
compare() {
	local label=$1 query=$2 dist local_ pre=()
	[ -n "${SCALE_SETTINGS:-}" ] && pre=(-c "$SCALE_SETTINGS")
	dist=$(q coord -At "${pre[@]}" -c "$query") || { fail "$label: query failed"; return; }
	local_=$(q coord -At -c "${query//articles/articles_local}") || { fail "$label: local query failed"; return; }
	if [ "$dist" = "$local_" ] && [ -n "$dist" ]; then
		ok "$label: distributed = local copy ($(echo "$dist" | head -c 60 | tr '\n' ' '))"
	else
		fail "$label: distributed and local copy differ"
		diff <(echo "$dist") <(echo "$local_") | head -20
	fi
}

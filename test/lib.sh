# test/lib.sh — shared by test/demo.sh, test/run.sh and test/bench/bench.sh:
# install what is missing, build and install the extension, start a
# throwaway PostgreSQL cluster.  Source it; it changes nothing until called.

GT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GT_PG_VERSION=15
GT_PACKAGES="postgresql-$GT_PG_VERSION postgresql-server-dev-$GT_PG_VERSION libicu-dev libpcre2-dev pkg-config make gcc clang libclang-rt-14-dev"

# Runs a command as root: directly, or through sudo.
gt_as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages that are missing (apt-get update first).
gt_install_deps() {
	local missing="" p
	for p in $GT_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "== installing:$missing"
		gt_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		gt_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
	export PATH="/usr/lib/postgresql/$GT_PG_VERSION/bin:$PATH"
	export PG_CONFIG="/usr/lib/postgresql/$GT_PG_VERSION/bin/pg_config"
}

# Builds and installs the extension (warnings are errors here, as in CI).
gt_build_install() {
	echo "== building geotext"
	make -C "$GT_ROOT" -s with_llvm=no PG_CONFIG="$PG_CONFIG" \
		PG_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers" \
		>/dev/null
	gt_as_root make -C "$GT_ROOT" -s with_llvm=no PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# Makes a temporary folder for throwaway clusters (/tmp/geotext-$1.XXXXXX)
# that the server's user can write: postgres when we are root, since initdb
# refuses root.  Sets GT_FOLDER, and GT_RUN_PG, the prefix that runs a command
# as that user; exports PGUSER.
gt_cluster_folder() {
	GT_FOLDER=$(mktemp -d "/tmp/geotext-$1.XXXXXX")
	chmod 755 "$GT_FOLDER"
	if [ "$(id -u)" = 0 ]; then
		chown postgres:postgres "$GT_FOLDER"
		GT_RUN_PG=(runuser -u postgres --)
		export PGUSER=postgres
	else
		GT_RUN_PG=()
		export PGUSER=$(id -un)
	fi
}

# initdb of a UTF-8, C-locale cluster in $1 (a folder in GT_FOLDER), as the
# server's user; its output goes to $1.initdb.log, shown on failure.
gt_initdb() {
	"${GT_RUN_PG[@]}" initdb -D "$1" -U "$PGUSER" -E UTF8 --no-locale -A trust >"$1.initdb.log" 2>&1 \
		|| { cat "$1.initdb.log"; return 1; }
}

# Starts a throwaway cluster in a temporary folder, on a unix socket only;
# exports PGHOST, PGPORT, PGUSER, PGDATABASE; stops and removes it on exit.
gt_start_cluster() {
	gt_cluster_folder cluster
	GT_CLUSTER=$GT_FOLDER
	export PGHOST=$GT_CLUSTER PGPORT=54329 PGDATABASE=postgres
	gt_initdb "$GT_CLUSTER/data" || return 1
	trap gt_stop_cluster EXIT
	"${GT_RUN_PG[@]}" pg_ctl -D "$GT_CLUSTER/data" -l "$GT_CLUSTER/server.log" -w \
		-o "-k $GT_CLUSTER -p $PGPORT -c listen_addresses='' -c fsync=off -c max_worker_processes=8" start >/dev/null \
		|| { cat "$GT_CLUSTER/server.log"; return 1; }
	echo "== throwaway cluster running in $GT_CLUSTER"
}

gt_stop_cluster() {
	if [ -n "${GT_CLUSTER:-}" ] && [ -d "$GT_CLUSTER" ]; then
		"${GT_RUN_PG[@]}" pg_ctl -D "$GT_CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$GT_CLUSTER"
	fi
}

# Loads test/samples/*.txt into a table samples(file, body) of database $1.
gt_load_samples() {
	local db=$1 f
	psql -X -q -d "$db" -c "SET client_min_messages = warning; DROP TABLE IF EXISTS samples" \
		-c "CREATE TABLE samples (file text PRIMARY KEY, body text NOT NULL)"
	for f in "$GT_ROOT"/test/samples/*.txt; do
		# psql variables quote any content safely (:'body')
		echo "INSERT INTO samples VALUES (:'file', :'body')" |
			psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v file="$(basename "$f" .txt)" -v body="$(cat "$f")"
	done
}

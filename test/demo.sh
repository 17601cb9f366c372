#!/usr/bin/env bash
# The main job: install what is missing, build and install geotext, start a
# throwaway PostgreSQL cluster, load the sample articles and print what
# geo_entities finds in each.   Usage: bash test/demo.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

gt_install_deps
gt_build_install
gt_start_cluster
psql -X -q -c "CREATE DATABASE demo"
psql -X -q -d demo -c "CREATE EXTENSION geotext"
gt_load_samples demo
psql -X -d demo -c "SELECT geotext_version()"
psql -X -d demo -P pager=off -c "
SELECT file AS article,
       array_to_string(geo_entities(body), ' ') AS \"geo_entities(body)\"
FROM samples ORDER BY file"
psql -X -d demo -P pager=off -c "
SELECT m.entity, m.surface, m.start_pos, m.end_pos, m.sentence
FROM samples s, geo_mentions(s.body) m
WHERE s.file = (SELECT min(file) FROM samples)
ORDER BY m.start_pos LIMIT 15" 

#!/bin/sh
# Temporal's persistence and visibility schemas in the databases postgres-init.sql created: set up on the first
# run, upgraded to the image's version on later ones (both steps are idempotent).
set -eu
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  tool="temporal-sql-tool --plugin postgres12 --ep postgres -p 5432 -u xianfeng --db $db"
  $tool setup-schema -v 0.0
  $tool update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
done

#!/usr/bin/env bash
# Create (or upgrade) the demo database with the QSR addons and demo data, then serve it.
set -euo pipefail
db=$1 port=$2 addons=$3
source "$(dirname "$0")/odoo_env.sh"
odoo=("$PYTHON" -m odoo --addons-path="$ADDONS_PATH" -d "$db" --db-filter="^$db\$")

if psql -d "$db" -Atc "select 1 from ir_module_module where name = 'qsr_review' and state = 'installed'" 2>/dev/null | grep -q 1; then
    echo "Upgrading database $db (and installing any addon added since)"
    "${odoo[@]}" -i "$addons" -u "$addons" --stop-after-init --log-level=warn
else
    echo "Creating database $db with demo data (a few minutes)"
    dropdb --if-exists "$db"
    "${odoo[@]}" -i "$addons" --stop-after-init --log-level=warn
fi

cat <<MSG

QSR demo is served on http://localhost:$port  (database $db; Ctrl+C stops it)
  admin               admin / admin
  account manager     qsr_am / qsr_am       (QSR User)
  sales director      qsr_director / qsr_director   (QSR Manager)
  portal customer     qsr_portal / qsr_portal

MSG
exec "${odoo[@]}" --http-port="$port"

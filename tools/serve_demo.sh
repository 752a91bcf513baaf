#!/usr/bin/env bash
# Create (or upgrade) the demo database with the QSR addons and demo data, then serve it.
set -euo pipefail
db=$1 port=$2 addons=$3
source "$(dirname "$0")/odoo_env.sh"
odoo=("$PYTHON" -m odoo --addons-path="$ADDONS_PATH" -d "$db" --db-filter="^$db\$")
# German and French, with their terms: the Stuttgart account's contacts speak German,
# the Lyon account's French
langs=de_DE,fr_FR

installed=$(psql -d "$db" -Atc "select name from ir_module_module where state = 'installed' and name = any(string_to_array('$addons', ','))" 2>/dev/null | paste -sd, - || true)
if [ -n "$installed" ]; then
    # -u the installed addons, -i only the new ones: -i on an installed addon would
    # load its demo data again as at its installation, over records changed since
    new=$(comm -23 <(tr , '\n' <<<"$addons" | sort) <(tr , '\n' <<<"$installed" | sort) | paste -sd, -)
    echo "Upgrading database $db${new:+ and installing $new}"
    "${odoo[@]}" ${new:+-i "$new"} -u "$installed" --load-language="$langs" \
        --stop-after-init --log-level=warn
else
    echo "Creating database $db with demo data (a few minutes)"
    dropdb --if-exists "$db"
    "${odoo[@]}" -i "$addons" --load-language="$langs" --stop-after-init --log-level=warn
fi

cat <<MSG

QSR demo is served on http://localhost:$port  (database $db; Ctrl+C stops it)
  admin               admin / admin
  account manager     qsr_am / qsr_am       (QSR User)
  sales director      qsr_director / qsr_director   (QSR Manager)
  portal customer     qsr_portal / qsr_portal   (a grid to answer under My Account)

MSG
exec "${odoo[@]}" --http-port="$port"

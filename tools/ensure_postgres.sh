#!/usr/bin/env bash
# Make sure a PostgreSQL server answers and that the current user has a role on it.
# Uses the usual PG* variables; starts the local Debian cluster when none answers.
set -euo pipefail

if ! pg_isready -q; then
    if command -v pg_lsclusters >/dev/null; then
        read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
        echo "Starting local PostgreSQL cluster $version/$cluster"
        pg_ctlcluster "$version" "$cluster" start
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    fi
    pg_isready -q || { echo "ERROR: no PostgreSQL server answers (check PGHOST/PGPORT)." >&2; exit 1; }
fi

user=${PGUSER:-$(id -un)}
if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    echo "Creating PostgreSQL role $user"
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "createuser --superuser '$user'"
    else
        sudo -u postgres createuser --superuser "$user"
    fi
fi

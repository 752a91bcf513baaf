#!/usr/bin/env bash
# The whole suite: the check that our requirements keep Odoo's dependency pins
# (tools/check_odoo_pins.py), Odoo at-install, post-install and tour tests in a
# fresh database, then the database-free pytest suite, then a short load test on a
# copy of the test database (tests/load), then the install/upgrade/uninstall checks
# in their own database (tests/upgrade), then the upgrade of a database of the last
# release's code (tests/upgrade/run_upgrade_from_release.py). Any failure, error or
# skipped test fails the run.
set -uo pipefail
db=$1 port=$2 addons=$3
source "$(dirname "$0")/odoo_env.sh"
log="$REPO_DIR/.logs/odoo-tests.log"
junit="$REPO_DIR/.logs/pytest.xml"
tags=$(echo "$addons" | sed 's/\([^,]*\)/\/\1/g')

pins_json="$REPO_DIR/.logs/odoo-pins.json"
rm -f "$pins_json"
echo "Checking that our requirements keep every library Odoo pins at its pin"
"$PYTHON" "$REPO_DIR/tools/check_odoo_pins.py" --result="$pins_json"
pins_rc=$?

dropdb --if-exists "$db"
rm -f "$log" "$junit"
echo "Installing $addons in fresh database $db with --test-enable (log: .logs/odoo-tests.log)"
"$PYTHON" -m odoo --addons-path="$ADDONS_PATH" -d "$db" -i "$addons" \
    --test-enable --test-tags="$tags" --http-port="$port" --stop-after-init \
    --log-level=info --logfile="$log"
odoo_rc=$?

echo "Running the database-free tests with pytest"
"$PYTHON" -m pytest -p no:odoo -q -rs --junitxml="$junit" "$REPO_DIR/tests"
pytest_rc=$?

load_json="$REPO_DIR/.logs/load-short.json"
rm -f "$load_json"
echo "Running the load test, short: 6 respondents for 10 s on odoo --workers 2, then worker kills"
"$PYTHON" "$REPO_DIR/tests/load/run_load.py" --db="${db}_load" --template="$db" \
    --addons-path="$ADDONS_PATH" --respondents=6 --duration=10 --kill-test \
    --port=$((port + 1)) --gevent-port=$((port + 2)) \
    --log="$REPO_DIR/.logs/odoo-load.log" --result="$load_json"
load_rc=$?

upgrade_out="$REPO_DIR/.logs/upgrade-checks.log"
echo "Running the install, upgrade and uninstall checks in database ${db}_upgrade (log: .logs/upgrade-checks.log)"
"$PYTHON" "$REPO_DIR/tests/upgrade/run_upgrade_checks.py" --db="${db}_upgrade" \
    --http-port="$port" --addons-path="$ADDONS_PATH" --modules="$addons" \
    --logdir="$REPO_DIR/.logs" >"$upgrade_out" 2>&1
upgrade_rc=$?
grep -E "^(FAIL|upgrade checks:)" "$upgrade_out"

echo "Upgrading a database of the last release's code to this code in database ${db}_from"
"$PYTHON" "$REPO_DIR/tests/upgrade/run_upgrade_from_release.py" --db="${db}_from" \
    --http-port="$port" --addons-path="$ADDONS_PATH" --logdir="$REPO_DIR/.logs" \
    ${UPGRADE_FROM:+--from="$UPGRADE_FROM"} >>"$upgrade_out" 2>&1
from_rc=$?
sed -n '/^Upgrade from release/,$p' "$upgrade_out" | grep -E "^(FAIL|upgrade from )"
[ "$from_rc" -eq 0 ] || upgrade_rc=$from_rc

"$PYTHON" "$REPO_DIR/tools/test_summary.py" "$log" "$junit" "$odoo_rc" "$pytest_rc" \
    "$load_json" "$load_rc" "$upgrade_out" "$upgrade_rc" "$pins_json" "$pins_rc"

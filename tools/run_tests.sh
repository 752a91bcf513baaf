#!/usr/bin/env bash
# The whole suite: the check that our requirements keep Odoo's dependency pins
# (tools/check_odoo_pins.py), Odoo at-install, post-install and tour tests of the
# core addons in a fresh database without the bridges, then the bridges' tests in a
# copy of it where the bridges are installed (database <db>_bridges; a bridge is an
# addon installed automatically with an Odoo addon, "auto_install" in its manifest,
# such as qsr_account with account), then the database-free pytest suite, then a
# short load test on a copy of the test database (tests/load), then a short scale
# test on another copy (tests/scale: a streaming replica, two Odoo nodes behind
# nginx, one killed), then the install/
# upgrade/uninstall checks of every addon, bridges included, in their own database
# (tests/upgrade), then the upgrade of a database of the last release's code
# (tests/upgrade/run_upgrade_from_release.py). Any failure, error or skipped test,
# and any test method that ran in neither database, fails the run.
set -uo pipefail
db=$1 port=$2 addons=$3
source "$(dirname "$0")/odoo_env.sh"
log="$REPO_DIR/.logs/odoo-tests.log"
bridges_log="$REPO_DIR/.logs/odoo-tests-bridges.log"
junit="$REPO_DIR/.logs/pytest.xml"
# the core addons and the bridges (auto_install in their manifest) of $addons
core=$("$PYTHON" "$REPO_DIR/tools/list_addons.py" --core "$addons")
bridges=$("$PYTHON" "$REPO_DIR/tools/list_addons.py" --bridges "$addons")
tags=$(echo "$core" | sed 's/\([^,]*\)/\/\1/g')
bridge_tags=$(echo "$bridges" | sed 's/\([^,]*\)/\/\1/g')

pins_json="$REPO_DIR/.logs/odoo-pins.json"
rm -f "$pins_json"
echo "Checking that our requirements keep every library Odoo pins at its pin"
"$PYTHON" "$REPO_DIR/tools/check_odoo_pins.py" --result="$pins_json"
pins_rc=$?

dropdb --if-exists "$db"
rm -f "$log" "$bridges_log" "$junit"
echo "Installing $core in fresh database $db with --test-enable (log: .logs/odoo-tests.log)"
"$PYTHON" -m odoo --addons-path="$ADDONS_PATH" -d "$db" -i "$core" \
    --test-enable --test-tags="$tags" --http-port="$port" --stop-after-init \
    --log-level=info --logfile="$log"
odoo_rc=$?

bridges_rc=0
if [ -n "$bridges" ]; then
    echo "Installing the bridges $bridges in ${db}_bridges, a copy of $db, with" \
        "--test-enable (log: .logs/odoo-tests-bridges.log)"
    # a copy made after the tests (they rolled back): the core as installed, with
    # its filestore; --force drops the copy of an earlier run first
    "$PYTHON" -m odoo db --addons-path="$ADDONS_PATH" duplicate --force \
        "$db" "${db}_bridges" >"$REPO_DIR/.logs/odoo-bridges-copy.log" 2>&1 \
        && "$PYTHON" -m odoo --addons-path="$ADDONS_PATH" -d "${db}_bridges" \
            -i "$bridges" --test-enable --test-tags="$bridge_tags" \
            --http-port="$port" --stop-after-init --log-level=info \
            --logfile="$bridges_log"
    bridges_rc=$?
fi

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

scale_json="$REPO_DIR/.logs/scale-short.json"
rm -f "$scale_json"
echo "Running the scale test, short: a streaming replica, two Odoo nodes behind nginx, one killed"
"$PYTHON" "$REPO_DIR/tests/scale/run_scale.py" --short --db="${db}_scale" --template="$db" \
    --addons-path="$ADDONS_PATH" --port=$((port + 3)) --balancer-port=$((port + 9)) \
    --log-dir="$REPO_DIR/.logs" --result="$scale_json" >"$REPO_DIR/.logs/scale-short.log" 2>&1
scale_rc=$?
grep -E "^(SCALE|  \[FAILED\])" "$REPO_DIR/.logs/scale-short.log"

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
    "$load_json" "$load_rc" "$upgrade_out" "$upgrade_rc" "$pins_json" "$pins_rc" \
    "${bridges:+$bridges_log}" "$bridges_rc" "$scale_json" "$scale_rc"

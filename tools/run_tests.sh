#!/usr/bin/env bash
# The whole suite: Odoo at-install, post-install and tour tests in a fresh database,
# then the database-free pytest suite, then a short load test on a copy of the test
# database (tests/load). Any failure, error or skipped test fails the run.
set -uo pipefail
db=$1 port=$2 addons=$3
source "$(dirname "$0")/odoo_env.sh"
log="$REPO_DIR/.logs/odoo-tests.log"
junit="$REPO_DIR/.logs/pytest.xml"
tags=$(echo "$addons" | sed 's/\([^,]*\)/\/\1/g')

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

"$PYTHON" "$REPO_DIR/tools/test_summary.py" "$log" "$junit" "$odoo_rc" "$pytest_rc" \
    "$load_json" "$load_rc"

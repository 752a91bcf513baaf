# QSR for Odoo: `make demo` serves a demo database, `make test` runs the whole suite.
# Odoo 18.0 must be importable by $(PYTHON); everything else is installed from here
# (system packages with apt-get, as root, saying so first; QSR_NO_APT=1 stops that).

PYTHON ?= python3
# every addon of the repository (a folder qsr_* with a manifest); the core ones, without
# the bridges (auto_install in their manifest: qsr_account with account, qsr_sale_margin
# with sale_margin), which `make test` tests in a second database
ADDONS := $(shell ls -d qsr_*/__manifest__.py | xargs -n1 dirname | paste -sd, -)
CORE_ADDONS = $(shell $(PYTHON) tools/list_addons.py --core "$(ADDONS)")
DEMO_DB ?= qsr_demo
TEST_DB ?= qsr_test
HTTP_PORT ?= 8069
TEST_HTTP_PORT ?= 8169
LOGDIR := .logs
PIP := $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore

.PHONY: help check-odoo deps test-deps postgres demo test test-odoo test-unit lint clean bench load
.PHONY: scale upgrade-check schema-snapshot

help:
	@echo "make demo   serve database $(DEMO_DB) with the QSR addons, the bridges (with account and sale_margin) and demo data on http://localhost:$(HTTP_PORT)"
	@echo "make test   run the whole suite (Odoo at-install, post-install and tour tests of the core in $(TEST_DB), of the bridges in $(TEST_DB)_bridges, then pytest, load and upgrade checks)"
	@echo "make lint   run pre-commit (ruff, ruff-format, pylint-odoo, prettier, eslint) on every file"
	@echo "make bench  benchmarks against same-run baselines (writes tests/bench/RESULTS.md)"
	@echo "make load   load and fault test: 20 portal respondents for 60 s on odoo --workers 2"
	@echo "make scale  two Odoo nodes behind nginx with a PostgreSQL streaming replica, one node killed"
	@echo "make upgrade-check  install, upgrade (-u) and uninstall every addon, check nothing is lost or left"
	@echo "make schema-snapshot  record the stored fields of a release in setup/schema/<version>.json"

check-odoo:
	@$(PYTHON) tools/check_odoo.py

deps: check-odoo
	$(PIP) -r requirements.txt

# the Python test tools, and axe-core (package.json, pinned in package-lock.json) for the
# accessibility tests, which read node_modules/axe-core/axe.min.js
test-deps: deps
	$(PIP) -r test-requirements.txt
	@tools/ensure_system_packages.sh axe
	npm ci --silent --no-audit --no-fund

postgres:
	@tools/ensure_postgres.sh

demo: deps postgres
	@tools/ensure_system_packages.sh reports
	@tools/serve_demo.sh "$(DEMO_DB)" "$(HTTP_PORT)" "$(ADDONS)"

test: test-deps postgres
	@tools/ensure_system_packages.sh tours reports scale
	@mkdir -p $(LOGDIR)
	@tools/run_tests.sh "$(TEST_DB)" "$(TEST_HTTP_PORT)" "$(ADDONS)"

lint: test-deps
	@tools/ensure_system_packages.sh lint
	pre-commit run --all-files --show-diff-on-failure

clean:
	rm -rf $(LOGDIR) .pytest_cache .ruff_cache

# benchmarks against same-process baselines (tests/bench/RESULTS.md); BENCH_ACCOUNTS=2000;
# the portfolio database holds the core addons (the revenue job has a database of its own)
bench: deps postgres
	@PYTHON="$(PYTHON)" bash -c 'source tools/odoo_env.sh && "$$PYTHON" tests/bench/run_benchmarks.py --addons-path="$$ADDONS_PATH" --modules="$(CORE_ADDONS)" $(if $(BENCH_ONLY),--only=$(BENCH_ONLY))'

# load and fault test on a real prefork server (tests/load/run_load.py); LOAD_DB,
# LOAD_RESPONDENTS, LOAD_SECONDS, LOAD_HTTP_PORT (+1 for the gevent port)
LOAD_DB ?= qsr_load
LOAD_RESPONDENTS ?= 20
LOAD_SECONDS ?= 60
LOAD_HTTP_PORT ?= 8271
load: deps postgres
	@mkdir -p $(LOGDIR)
	@PYTHON="$(PYTHON)" bash -c 'source tools/odoo_env.sh && "$$PYTHON" tests/load/run_load.py --db="$(LOAD_DB)" --addons-path="$$ADDONS_PATH" --modules="$(CORE_ADDONS)" --respondents=$(LOAD_RESPONDENTS) --duration=$(LOAD_SECONDS) --kill-test --port=$(LOAD_HTTP_PORT) --gevent-port=$$(($(LOAD_HTTP_PORT) + 1))'

# two Odoo nodes behind nginx, reads on a streaming replica of the running PostgreSQL,
# node 2 killed midway (tests/scale/run_scale.py, figures in tests/scale/RESULTS.md);
# SCALE_DB, SCALE_RESPONDENTS, SCALE_SECONDS; nodes on SCALE_HTTP_PORT (+2 each, gevent
# +1), nginx on SCALE_BALANCER_PORT, the replica on SCALE_REPLICA_PORT
SCALE_DB ?= qsr_scale
SCALE_RESPONDENTS ?= 10
SCALE_SECONDS ?= 80
SCALE_HTTP_PORT ?= 8261
SCALE_BALANCER_PORT ?= 8270
SCALE_REPLICA_PORT ?= 5433
scale: deps postgres
	@tools/ensure_system_packages.sh scale
	@mkdir -p $(LOGDIR)
	@PYTHON="$(PYTHON)" bash -c 'source tools/odoo_env.sh && "$$PYTHON" tests/scale/run_scale.py --db="$(SCALE_DB)" --addons-path="$$ADDONS_PATH" --modules="$(CORE_ADDONS)" --respondents=$(SCALE_RESPONDENTS) --duration=$(SCALE_SECONDS) --port=$(SCALE_HTTP_PORT) --balancer-port=$(SCALE_BALANCER_PORT) --replica-port=$(SCALE_REPLICA_PORT)'

# install, upgrade and uninstall checks in their own database (tests/upgrade), then
# the upgrade of a database of the last release's code (UPGRADE_FROM, UPGRADE_ACCOUNTS),
# both also run by `make test`; schema-snapshot records a release for the migration guard
UPGRADE_DB ?= qsr_upgrade
# the release upgraded from (version or commit; default the latest in setup/releases.txt)
UPGRADE_FROM ?=
UPGRADE_ACCOUNTS ?= 40
UPGRADE_HTTP_PORT ?= 8179
UPGRADE_CHECKS = PYTHON="$(PYTHON)" bash -c 'source tools/odoo_env.sh && "$$PYTHON" tests/upgrade/run_upgrade_checks.py --db="$(UPGRADE_DB)" --http-port=$(UPGRADE_HTTP_PORT) --addons-path="$$ADDONS_PATH" --modules="$(ADDONS)" --logdir=$(LOGDIR) $(1)'
upgrade-check: deps postgres
	@mkdir -p $(LOGDIR)
	@$(call UPGRADE_CHECKS)
	@PYTHON="$(PYTHON)" bash -c 'source tools/odoo_env.sh && "$$PYTHON" tests/upgrade/run_upgrade_from_release.py --db="$(UPGRADE_DB)_from" --http-port=$(UPGRADE_HTTP_PORT) --addons-path="$$ADDONS_PATH" --logdir=$(LOGDIR) --accounts=$(UPGRADE_ACCOUNTS) $(if $(UPGRADE_FROM),--from=$(UPGRADE_FROM))'

schema-snapshot: deps postgres
	@mkdir -p $(LOGDIR)
	@$(call UPGRADE_CHECKS,--write-schema)

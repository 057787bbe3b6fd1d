# bangkom: the two commands are `make run` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export UV

.PHONY: help setup proto run test check lint typecheck imports unit integration e2e asyncapi infra-up infra-down screenshots faults fuzz

help:
	@echo "make run       start Kafka, the five services and the console on SQLite with demo data"
	@echo "make test      install what is missing, start Kafka, PostgreSQL and Keycloak, run every check"
	@echo "make check     ruff, mypy and the import-direction contracts only"
	@echo "make fuzz      schemathesis, long: at least 10,000 cases against each service"
	@echo "make asyncapi  regenerate docs/asyncapi.yaml and deploy/kafka/ from the event catalog"
	@echo "make faults    the long fault campaign (FAULTS_ARGS=\"--kills 20 --minutes 8 --seed 3\")"

# Bytecode is compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on our CI
# machines) every process the tests start compiled every module again, ~5 s of CPU each.
setup:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen --quiet --compile-bytecode
	$(UV) run --frozen scripts/gen-proto.sh
	$(UV) run --frozen python -m compileall -q libs services >/dev/null

proto:
	$(UV) run --frozen scripts/gen-proto.sh

run: setup
	scripts/run.sh

test: setup
	scripts/test.sh

check: lint typecheck imports

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

typecheck:
	$(UV) run --frozen mypy libs/*/src services/*/src bench

imports:
	$(UV) run --frozen lint-imports

unit:
	$(UV) run --frozen pytest tests/unit

# The console's screenshots in docs/screenshots (the README shows them), made by its
# browser tests on the real services.
screenshots: setup
	scripts/chromium.sh install
	BANGKOM_SCREENSHOTS_DIR=docs/screenshots scripts/test.sh tests/browser

# The schemathesis run of tests/e2e/test_fuzz.py, long (CI runs it short): the four
# services on PostgreSQL and Kafka; prints the cases each service got.
FUZZ_EXAMPLES ?= 800
fuzz: setup
	BANGKOM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) BANGKOM_FUZZ_MIN_CASES=10000 \
	  scripts/test.sh tests/e2e/test_fuzz.py -s -q

asyncapi:
	$(UV) run --frozen bangkom asyncapi --output docs/asyncapi.yaml
	for scale in city province nation; do \
	  $(UV) run --frozen bangkom topics --scale $$scale --output deploy/kafka/topics-$$scale.yaml; \
	done

# Kills, broker failovers and database restarts under load, every effect accounted for;
# its own PostgreSQL and 3-node Kafka cluster. The table: bench/results/faults.md.
faults: setup
	$(UV) run --frozen python -m bench.faults $(FAULTS_ARGS)

infra-up:
	scripts/postgres.sh start
	scripts/kafka.sh start
	scripts/keycloak.sh start

infra-down:
	scripts/keycloak.sh stop
	scripts/kafka.sh stop
	scripts/postgres.sh stop

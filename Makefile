# Linkbench: the two commands of the README, plus bench and clean. Everything else is meson.
BUILD       ?= build
TEST_BUILD  ?= build-test
BENCH_BUILD ?= build-bench
INSTALL_BUILD ?= build-release
PREFIX      ?= /usr/local
DEMO_DB     := $(BUILD)/demo.db
MESON       := meson
XVFB        := xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: all deps run test bench stress install clean

all: $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

deps:
	@sh build-aux/ensure-packages.sh data/debian-packages.txt

$(BUILD)/build.ninja: | deps
	$(MESON) setup $(BUILD) -Ddevelopment=true

# Builds, creates a demo database in the build folder if there is none, opens the GUI on it.
run: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)
	@if [ ! -f $(DEMO_DB) ]; then \
	  rm -f $(DEMO_DB).tmp $(DEMO_DB).tmp-wal $(DEMO_DB).tmp-shm; \
	  $(BUILD)/app/cli/linkbench-cli --db $(DEMO_DB).tmp demo && mv $(DEMO_DB).tmp $(DEMO_DB); \
	fi
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "make run: there is no display to open the Linkbench window on."; \
	  echo "  Run it on a virtual display:  xvfb-run make run"; \
	  echo "  Or use the command line:      $(BUILD)/app/cli/linkbench-cli --db $(DEMO_DB) project list"; \
	  exit 1; \
	fi
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data $(BUILD)/app/linkbench --db $(DEMO_DB)

# Debug build with warnings as errors, AddressSanitizer and UBSan; every suite; one summary line.
test: deps
	@[ -f $(TEST_BUILD)/build.ninja ] || $(MESON) setup $(TEST_BUILD) \
	  -Dbuildtype=debug -Dwerror=true -Db_sanitize=address,undefined -Ddevelopment=true
	$(MESON) compile -C $(TEST_BUILD)
	@rm -f $(TEST_BUILD)/meson-logs/testlog.json
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  $(XVFB) $(MESON) test -C $(TEST_BUILD) --print-errorlogs --num-processes 2; status=$$?; \
	else \
	  $(MESON) test -C $(TEST_BUILD) --print-errorlogs --num-processes 2; status=$$?; \
	fi; \
	python3 build-aux/test-summary.py $(TEST_BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

# Optimised build; each figure printed beside its reference as "bench: <name> <value> <unit>".
bench: deps
	@[ -f $(BENCH_BUILD)/build.ninja ] || $(MESON) setup $(BENCH_BUILD) -Dbuildtype=release -Dgui=false
	$(MESON) compile -C $(BENCH_BUILD)
	$(BENCH_BUILD)/tests/bench/bench-ingest
	$(BENCH_BUILD)/tests/bench/bench-chart
	$(BENCH_BUILD)/tests/bench/bench-report
	LB_TDS_SERVER=$(CURDIR)/tests/fixtures/tds-server.py $(BENCH_BUILD)/tests/bench/bench-sampler

# Crash safety, long version: 1000 SIGKILLs of a writing worker (make test runs 50).
stress: deps
	@[ -f $(BENCH_BUILD)/build.ninja ] || $(MESON) setup $(BENCH_BUILD) -Dbuildtype=release -Dgui=false
	$(MESON) compile -C $(BENCH_BUILD)
	$(BENCH_BUILD)/tests/stress/stress --kills 1000

# Installs into $(PREFIX) (DESTDIR honoured) from an optimised build of its own: the
# programs, the GSettings schema, the desktop entry, the AppStream metadata and the icons.
# The prefix is set again each time, so a second run with another PREFIX goes there.
install: deps
	@[ -f $(INSTALL_BUILD)/build.ninja ] || $(MESON) setup $(INSTALL_BUILD) -Dbuildtype=release -Dtests=false --prefix=$(PREFIX)
	$(MESON) configure $(INSTALL_BUILD) --prefix=$(PREFIX)
	$(MESON) install -C $(INSTALL_BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(BENCH_BUILD) $(INSTALL_BUILD)

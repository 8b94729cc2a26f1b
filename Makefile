# funnel - top-level Makefile.
#
#   make            build ./funnel (and build/libfunnel.a)
#   make run        install dependencies, create a demo database if none, show reports
#   make test       install dependencies, run the whole suite (plain and sanitized)
#   make bench      the benchmarks (bench/README.md)
#   make check-layers  fails when cli/ calls the store (see scripts/)
#
# SAN=1 builds everything with -fsanitize=address,undefined into build-san/.

CC      ?= cc
PKGS    := sqlite3 jansson libsodium
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Iinclude -MMD -MP
CFLAGS  += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm

ifeq ($(FUZZ),1)
CC      := clang
BUILD   := build-fuzz
CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
BIN     := $(BUILD)/funnel
else ifeq ($(SAN),1)
BUILD   := build-san
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
BIN     := $(BUILD)/funnel
else
BUILD   := build
BIN     := funnel
endif

LIB_SRC  := $(wildcard lib/*.c lib/store/*.c)
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBA     := $(BUILD)/libfunnel.a

.PHONY: all run test test-plain test-san test-fuzz unit bench deps clean format fuzz fuzz-build check-layers
all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBA) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS) -lcmocka

unit: $(TESTS)

# Installs the Debian packages the build and the tests need (once).
deps: build/.deps
build/.deps: scripts/install-deps.sh
	sh scripts/install-deps.sh
	@mkdir -p build && touch $@

run: deps
	$(MAKE) $(BIN)
	sh scripts/run-demo.sh

test: deps
	$(MAKE) test-plain
	$(MAKE) test-san
	$(MAKE) test-fuzz
	sh tests/summary.sh build/test-plain.log build-san/test-san.log \
	  build-fuzz/test-fuzz.log

test-plain: $(BIN) unit
	@mkdir -p build
	sh tests/run.sh build ./funnel 2>&1 | tee build/test-plain.log

test-san:
	$(MAKE) SAN=1 build-san/funnel unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  sh tests/run.sh build-san build-san/funnel 2>&1 | tee build-san/test-san.log

# libFuzzer targets (tests/fuzz/), built with clang into build-fuzz/.
# `make fuzz` runs each for FUZZ_SECONDS; the test suite runs them over a
# fixed number of inputs (tests/e2e/fuzz_smoke.sh).
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_SECONDS ?= 60
fuzz-build:
	$(MAKE) FUZZ=1 $(FUZZ_TARGETS)
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIBA)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBA) $(LDLIBS)
test-fuzz: fuzz-build
	sh tests/fuzz/smoke.sh 2>&1 | tee build-fuzz/test-fuzz.log

fuzz: deps fuzz-build
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$(basename $$t) && \
	  $$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    build-fuzz/corpus/$$(basename $$t) tests/fuzz/corpus/$$(basename $$t | sed 's/fuzz_//') || exit 1; \
	done

# The CLI parses and prints: no store call but open/close, no sqlite3.
check-layers:
	sh scripts/check-layers.sh cli

bench: deps $(BIN)
	sh bench/run.sh

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) include/funnel/*.h

clean:
	rm -rf build build-san build-fuzz funnel

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

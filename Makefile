# geotext — PGXS build.
#
#   make with_llvm=no && make with_llvm=no install   build and install
#   make unit            C unit tests of the core (no PostgreSQL needed)
#   make unit-asan       the same under AddressSanitizer + UBSan
#   make installcheck    pg_regress against a running server
# test/run.sh does all of it on a throwaway cluster (see README.md).

EXTENSION  = geotext
EXTVERSION = 0.2.0

MODULE_big = geotext
CORE_SRCS  = src/core/chars.c src/core/tokenize.c src/core/acronym.c \
             src/core/lexicon.c src/core/match.c src/core/core.c src/core/custom.c
CORE_OBJS  = $(CORE_SRCS:.c=.o) src/core/lexicon_data.o
OBJS       = $(CORE_OBJS) src/pg/geotext_pg.o src/pg/custom_pg.o
PGFILEDESC = "geotext - actors, relations and stance in news text"

DATA       = $(wildcard src/geotext--*.sql)
DATA_built = geotext--$(EXTVERSION).sql

REGRESS      = api entities_countries entities_text entities_ambiguity \
               organisations persons roles actors custom \
               entities_multilingual mentions index bad_input
REGRESS_OPTS = --inputdir=. --encoding=UTF8 --no-locale --load-extension=geotext

DEPS        = icu-uc icu-i18n libpcre2-8
DEP_CFLAGS := $(shell pkg-config --cflags $(DEPS))
DEP_LIBS   := $(shell pkg-config --libs $(DEPS))
PG_CPPFLAGS = -Isrc/core $(DEP_CFLAGS)
SHLIB_LINK  = $(DEP_LIBS)

LEXICON_SRC = $(wildcard src/lexicon/*/*.tsv)
EXTRA_CLEAN = src/core/lexicon_data.c src/core/*.gcda build results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The core's functions and tables are internal to geotext.so: hidden, they
# are called and read directly, not through the PLT and the GOT as the
# symbols a shared library exports must be (the PostgreSQL entry points, in
# src/pg/, stay exported).  Also for the instrumented objects of the
# profile-guided build below, so that both compiles see the same code.
$(CORE_OBJS) $(patsubst src/core/%.c,build/pgo/%.o,$(CORE_SRCS)): CFLAGS += -fvisibility=hidden

# PGXS does not track headers: every object depends on all of ours (the
# lexicon tables' layout is in a header, and a stale object crashes).
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

geotext--$(EXTVERSION).sql: src/geotext.sql
	cp $< $@

# The lexicon: compiled at build time by the committed generator.
build/gen_lexicon: src/lexicon/generator/gen_lexicon.c $(CORE_SRCS) $(wildcard src/core/*.h src/lexicon/generator/*.h)
	@mkdir -p build
	$(CC) -std=gnu99 -O2 -g -Wall -Isrc/core $(DEP_CFLAGS) -o $@ $< $(CORE_SRCS) $(DEP_LIBS)

src/core/lexicon_data.c: build/gen_lexicon $(LEXICON_SRC)
	build/gen_lexicon src/lexicon $@.tmp
	mv $@.tmp $@

src/core/lexicon_data.o: src/core/lexicon_data.c
	$(CC) $(CFLAGS) -O1 $(CPPFLAGS) -c -o $@ $<

# Profile-guided optimisation of the core.  The core is first compiled with
# -fprofile-generate into build/pgo/ and linked with the benchmark driver,
# which annotates the sample articles (every language of test/samples/); the
# profile it writes then steers the real compile: which branches are hot,
# what to inline, how to lay the code out.  The result is the same, only
# faster (8 to 13 % on the samples, 3 to 10 % on real news: README,
# "Measured figures").  The profile is rebuilt when a core source, a header,
# a sample or this Makefile changes.  On by default with gcc 11 or later (its
# -dumpbase rules place the profile below; -fprofile-partial-training is
# gcc 10's) when the samples and the driver are there to train with.  `make
# PGO=no` builds without it (and must, when cross-compiling: the training
# runs what was just compiled).
PGO_TRAIN = $(wildcard test/samples/*.txt)
PGO_GCC = $(and $(findstring Free Software Foundation,$(shell $(CC) --version 2>/dev/null)),\
          $(shell test "$$($(CC) -dumpversion 2>/dev/null | cut -d. -f1)" -ge 11 2>/dev/null && echo yes))
PGO ?= $(if $(and $(PGO_TRAIN),$(wildcard test/bench/core_bench.c),$(PGO_GCC)),yes,no)
ifeq ($(PGO),yes)
PGO_NAMES = $(notdir $(CORE_SRCS:.c=))

# -dumpbase: the instrumented object takes the real one's name for its
# profile (src/core/NAME.gcda, where the real compile looks), which also
# names its static functions in it
build/pgo/%.o: src/core/%.c $(wildcard src/core/*.h) Makefile
	@mkdir -p build/pgo
	$(CC) $(CFLAGS) $(CPPFLAGS) -fprofile-generate -dumpbase src/core/$* -c -o $@ $<

build/pgo/train: test/bench/core_bench.c $(PGO_NAMES:%=build/pgo/%.o) src/core/lexicon_data.o
	$(CC) $(CFLAGS) $(CPPFLAGS) -fprofile-generate -o $@ $^ $(DEP_LIBS)

build/pgo/profile.stamp: build/pgo/train $(PGO_TRAIN)
	rm -f src/core/*.gcda build/pgo/*.gcda
	build/pgo/train --count 20 $(PGO_TRAIN) >/dev/null
	touch $@

# Functions the samples never run are compiled as without a profile.  The
# profile's own diagnostics (a function the samples never run, `Missing
# counts for called function`, a profile made with other flags) are never
# errors, even with -Werror: the instrumented compile above has the same
# sources and flags, so a warning in the code itself still fails there.
# (An explicit rule, not a target-specific CFLAGS: that would be inherited
# by the instrumented build.)
PGO_USE = -fprofile-use -fprofile-partial-training -Wno-missing-profile -Wno-error
$(CORE_SRCS:.c=.o): src/core/%.o: src/core/%.c build/pgo/profile.stamp
	$(CC) $(CFLAGS) $(PGO_USE) $(CPPFLAGS) -c -o $@ $<
endif

# C unit tests of the core, plain and sanitized.  They alone are built with
# the core's test hooks (GT_TEST_HOOKS, core.h), which make ICU and PCRE2
# fail on demand: never the extension, the benchmark or the other tools.
UNIT_SRCS = $(wildcard test/unit/*.c)
UNIT_CC  ?= cc
UNIT_FLAGS = -std=gnu99 -g -Wall -Wextra -Wno-unused-parameter -Isrc/core $(DEP_CFLAGS)
UNIT_HOOKS = -DGT_TEST_HOOKS

build/unit_tests: $(UNIT_SRCS) $(CORE_SRCS) src/core/lexicon_data.c $(wildcard src/core/*.h test/unit/*.h src/lexicon/generator/*.h)
	@mkdir -p build
	$(UNIT_CC) $(UNIT_FLAGS) $(UNIT_HOOKS) -O2 -o $@ $(UNIT_SRCS) $(CORE_SRCS) src/core/lexicon_data.c $(DEP_LIBS)

build/unit_tests_asan: $(UNIT_SRCS) $(CORE_SRCS) src/core/lexicon_data.c $(wildcard src/core/*.h test/unit/*.h src/lexicon/generator/*.h)
	@mkdir -p build
	$(UNIT_CC) $(UNIT_FLAGS) $(UNIT_HOOKS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer -o $@ $(UNIT_SRCS) $(CORE_SRCS) src/core/lexicon_data.c $(DEP_LIBS)

.PHONY: unit unit-asan
unit: build/unit_tests
	build/unit_tests

unit-asan: build/unit_tests_asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build/unit_tests_asan

# The regression test list, for test/run.sh.
.PHONY: print-regress
print-regress:
	@echo $(REGRESS)

# Throughput of the core alone (not a test: see test/bench/).
# It links the extension's own objects, so that it times the code that ships
# (compiled with PostgreSQL's flags and, with gcc, the profile: see PGO).
build/core_bench: test/bench/core_bench.c $(CORE_OBJS)
	@mkdir -p build
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(CORE_OBJS) $(DEP_LIBS)

.PHONY: bench-core
bench-core: build/core_bench
	build/core_bench 64 test/samples/*.txt

.PHONY: bench-instructions
bench-instructions:
	bash test/bench/instructions.sh

# geo_entities/geo_mentions without PostgreSQL, for test/eval/eval.sh --core.
build/core_predict: test/eval/core_predict.c $(CORE_SRCS) src/core/lexicon_data.c $(wildcard src/core/*.h)
	@mkdir -p build
	$(UNIT_CC) $(UNIT_FLAGS) -O2 -o $@ $< $(CORE_SRCS) src/core/lexicon_data.c $(DEP_LIBS)

.PHONY: eval-core
eval-core: build/core_predict

# ---------------------------------------------------------------------------
# Robustness: fuzzing the core, and the regression suite under valgrind.
#
#   make fuzz [FUZZ_SECONDS=60]   libFuzzer (clang, with ASan + UBSan) on the
#                                 core: test/fuzz/fuzz_core.c, seeds in
#                                 test/fuzz/corpus/, working corpus in
#                                 build/fuzz_corpus, crashes in build/fuzz_artifacts/.
#                                 Needs clang and libclang-rt-14-dev.
#                                 Reproduce a crash: build/fuzz_core FILE
#   make valgrind-regress         manual, not for CI (slow: minutes): pg_regress
#                                 on a throwaway cluster whose postgres runs
#                                 under valgrind (test/fuzz/valgrind_regress.sh).
#                                 Needs valgrind and `make install` done first.
# ---------------------------------------------------------------------------
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS    = -std=gnu99 -g -O1 -fno-omit-frame-pointer -Isrc/core $(DEP_CFLAGS)

# The lexicon tables are data: compiled once, without instrumentation.
build/fuzz_lexicon_data.o: src/core/lexicon_data.c src/core/lexicon.h
	@mkdir -p build
	$(FUZZ_CC) -std=gnu99 -O0 -Isrc/core -c -o $@ $<

build/fuzz_core: test/fuzz/fuzz_core.c $(CORE_SRCS) build/fuzz_lexicon_data.o $(wildcard src/core/*.h)
	@mkdir -p build
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ test/fuzz/fuzz_core.c $(CORE_SRCS) build/fuzz_lexicon_data.o $(DEP_LIBS)

.PHONY: fuzz valgrind-regress
fuzz: build/fuzz_core
	@mkdir -p build/fuzz_corpus build/fuzz_artifacts
	cp test/fuzz/corpus/* build/fuzz_corpus/
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	build/fuzz_core -max_len=65536 -max_total_time=$(FUZZ_SECONDS) -timeout=25 -rss_limit_mb=4096 \
		-dict=test/fuzz/geotext.dict -print_final_stats=1 \
		-artifact_prefix=build/fuzz_artifacts/ build/fuzz_corpus

valgrind-regress:
	PG_CONFIG=$(PG_CONFIG) bash test/fuzz/valgrind_regress.sh

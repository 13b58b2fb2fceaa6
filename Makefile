# wfm - workforce planner for public call centers.  Plain GNU make.
#   make demo        set up, build, run the monthly job on the Seoul-like sample
#   make test        set up, build, run every test (SANITIZE=1 for ASan+UBSan)
#   make bench       speed figures against in-process baselines
#   make fuzz        libFuzzer on the CSV reader, the importers and the config loader
#                    (FUZZ_SECONDS=600 each; needs clang, installed only for this)
#   make mutate      the mutation run: tests/mutants.txt's planted bugs, caught or missed
#   make coverage    line and branch coverage per folder (gcovr, a Debian package)
#   make pages       each report of demo/ rendered by Debian's Chromium, headless, to
#                    build/pages/*.png at 1400 px wide, for a person to look at

CC ?= cc
CFLAGS ?= -std=c11 -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
       -Wno-format-nonliteral
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -MMD -MP
PKGS = libconfig sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lconfig -lsqlite3)
LIBS = $(PKG_LIBS) -lglpk -lm -lpthread

BUILD = build
ifeq ($(SANITIZE),1)
BUILD = build/san
CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(COVERAGE),1)
BUILD = build/cov
CFLAGS = -std=c11 -O0 -g --coverage
LDFLAGS += --coverage
endif

LIB_SRC = $(wildcard core/*.c model/*.c solver/*.c solver/colgen/*.c data/*.c data/sample/*.c reports/*.c)
CLI_SRC = $(wildcard cli/*.c)
TEST_SRC = $(wildcard tests/test_*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/sample_cfg.o
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all wfm deps demo test unit e2e bench fuzz mutate coverage pages clean

all: wfm

wfm: $(BUILD)/wfm
	@cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/wfm: $(CLI_OBJ) $(BUILD)/libwfm.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libwfm.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(PKG_CFLAGS) -c -o $@ $<

# The sample configurations are compiled in, so `wfm demo` writes them as they are.
$(BUILD)/gen/sample_cfg.c: data/sample/seoul.cfg data/sample/gimpo.cfg
	@mkdir -p $(dir $@)
	@{ echo '/* generated from data/sample/*.cfg by the Makefile */'; \
	   echo 'extern const char sample_cfg_seoul[], sample_cfg_gimpo[];'; \
	   echo 'const char sample_cfg_seoul[] ='; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' data/sample/seoul.cfg; echo ';'; \
	   echo 'const char sample_cfg_gimpo[] ='; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' data/sample/gimpo.cfg; echo ';'; } > $@

$(BUILD)/gen/sample_cfg.o: $(BUILD)/gen/sample_cfg.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libwfm.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libwfm.a $(LDFLAGS) $(LIBS) -lcmocka

deps:
	@sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	./wfm demo --out demo

test: deps
	@$(MAKE) --no-print-directory all $(TESTS) $(BUILD)/bench
	@$(MAKE) --no-print-directory unit e2e

unit: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; WFM_SHARED=$(CURDIR)/../shared $$t; done

e2e: wfm
	@WFM_SHARED=$(CURDIR)/../shared sh tests/e2e.sh ./wfm
	@sh tests/hostile.sh ./wfm
	@WFM_SHARED=$(CURDIR)/../shared sh tests/e2e_values.sh ./wfm
	@sh tests/pages.sh ./wfm

$(BUILD)/bench: tests/bench.c $(BUILD)/libwfm.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libwfm.a $(LDFLAGS) $(LIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench
	$(BUILD)/bench
	sh tests/bench_roster.sh ./wfm

# Coverage-guided fuzzing with clang's libFuzzer, ASan and UBSan, in its own
# folder: the library's files that read input (core/, model/, data/) built with
# -fsanitize=fuzzer-no-link, each harness of tests/fuzz/ linked with
# -fsanitize=fuzzer.  Only `make fuzz` needs clang (tests/fuzz/deps.sh).
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 600
FUZZ_TARGETS = csvin import cfg
FUZZ_BUILD = build/fuzz
FUZZ_CFLAGS = -std=c11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_SRC = $(wildcard core/*.c model/*.c data/*.c)
FUZZ_LIB_OBJ = $(FUZZ_LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: deps
	@sh tests/fuzz/deps.sh
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(WARN) $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/libwfm.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BINS): $(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_util.o \
                                    $(FUZZ_BUILD)/libwfm.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

.SECONDARY: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o)

# Outside `make test`: each takes minutes.
mutate: deps
	@$(MAKE) --no-print-directory all
	@WFM_SHARED=$(CURDIR)/../shared nice -n 10 sh tools/mutate.sh tests/mutants.txt

coverage: deps
	@WFM_SHARED=$(CURDIR)/../shared nice -n 10 sh tools/coverage.sh

# Outside `make test`: the pages as a browser shows them (Debian's chromium and
# Korean fonts, installed when missing), from demo/ (made when missing).
pages: deps
	@sh tools/deps.sh chromium fonts-nanum
	@$(MAKE) --no-print-directory all
	@sh tools/pages.sh ./wfm demo $(BUILD)/pages

clean:
	rm -rf build wfm demo

-include $(shell find build -name '*.d' 2>/dev/null)

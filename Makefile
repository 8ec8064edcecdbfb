# cm: customer-management filters.  See README.md.

VERSION = 0.1.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
RULESDIR = $(PREFIX)/share/cm/rules
# A branch's own rules, which the tools read before the defaults: put
# there by the first `make install` and never overwritten by a later one,
# as Debian treats a package's conffiles.  /etc for PREFIX=/usr.
SYSCONFDIR = $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
CONFRULESDIR = $(SYSCONFDIR)/cm/rules
EXAMPLESDIR = $(PREFIX)/share/cm/examples
# The message catalogs (po/LANG.po, built into LOCALEDIR/LANG/LC_MESSAGES/
# cm.mo).  The tests find the build's own with CM_LOCALEDIR.
LOCALEDIR = $(PREFIX)/share/locale
PODIR = po
LANGS = $(patsubst $(PODIR)/%.po,%,$(wildcard $(PODIR)/*.po))
DESTDIR =

CC = cc
CFLAGS = -O2 -g
# Where the objects and programs go: build/, or build-san/ for the
# sanitizer run of `make check`.
B = build
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

CPPFLAGS_ALL = -D_XOPEN_SOURCE=700 -DCM_VERSION='"$(VERSION)"' \
	-DCM_RULESDIR='"$(RULESDIR)"' -DCM_CONFRULESDIR='"$(CONFRULESDIR)"' \
	-DCM_LOCALEDIR='"$(LOCALEDIR)"' \
	$(CPPFLAGS)
# -Wswitch-enum: a switch on an enum names every member, with no default,
# so that a member added to a table of the language (an operator, an
# occasion kind, a route) is a compile error wherever it must be handled.
CFLAGS_ALL = -std=c11 -pthread -Wall -Wextra -Wswitch-enum -Werror -MMD -MP \
	$(CFLAGS)
LDLIBS = -lcsv -lyaml -ltre -lxlsxwriter -lm -lpthread

# A tool is cmd/TOOL.c, or a directory cmd/TOOL/ of .c files.
ONEFILE = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
DIRTOOLS = $(sort $(patsubst cmd/%/,%,$(dir $(wildcard cmd/*/*.c))))
PROGS = $(ONEFILE) $(DIRTOOLS)
LIBOBJ = $(patsubst common/%.c,$(B)/common/%.o,$(wildcard common/*.c))
BIN = $(PROGS:%=$(B)/bin/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)
RULEFILES = $(wildcard rules/*.yaml)

# Debian packages the build, the tests and the benchmark need (node and
# npm run lunar-javascript, the oracle of tests/lunar.bats).
DEPS = gcc make libcsv-dev libyaml-dev libtre-dev libxlsxwriter-dev bats \
	bats-assert bats-support mandoc nodejs npm python3
# Workbooks: python3-openpyxl reads them back in the tests, LibreOffice
# (headless) and xlsx2csv convert them to CSV.
DEPS += python3-openpyxl libreoffice-calc-nogui xlsx2csv
BENCHDEPS = miller time
# The calendars of --ics are checked by importing them into three programs
# (tests/calendars.bats).
DEPS += python3-icalendar khal calcurse
# gettext: msgfmt and xgettext build and check the message catalogs;
# locales: localedef, with which tests/i18n.bats makes zh_CN.UTF-8 and
# zh_CN.GB18030; libc-l10n: GNU libc's own messages (strerror, getopt) in
# Chinese.
DEPS += gettext locales libc-l10n
# man-db (with groff-base): tests/man.bats formats every page as man(1)
# does, in the C locale (groff -Tascii) and in UTF-8.
DEPS += man-db
# GNU parallel runs the parts of a split run (examples/parallel.sh,
# tests/split.bats).
DEPS += parallel
# The pages of --html are rendered by headless Chromium, its screenshot
# read with python3-pil (fonts-noto-cjk draws the Chinese), and checked
# by HTML Tidy (tests/html.bats).
DEPS += chromium tidy python3-pil fonts-noto-cjk

# The test drivers are built with the programs, so that bats can run
# any test file after `make`.
TESTBIN = $(B)/tests/lunar_dump $(B)/bench/gen $(B)/tests/faultshim.so

MO = $(LANGS:%=$(B)/locale/%/LC_MESSAGES/cm.mo)

all: $(BIN) $(TESTBIN) $(MO) po-check man-check

# The messages: every format given to a message function (err.h, rules.h,
# side.h and the tools' own, whose format is their Nth argument) or marked
# with _() or N_().
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=err_warn:1 \
	--keyword=err_exit:2 --keyword=err_vwarn:1 --keyword=rules_error:3 \
	--keyword=error_line:4 --keyword=error_at:3 --keyword=side_fail:2 \
	--keyword=push_bad:2 --keyword=set_fatal:2 --keyword=roster_fail:3 \
	--keyword=bad:4
POTSRC = $(sort $(wildcard common/*.[ch] cmd/*.c cmd/*/*.[ch]))

$(B)/cm.pot: $(POTSRC)
	@mkdir -p $(@D)
	xgettext -o $@ --from-code=UTF-8 -c -k $(XGETTEXT_KEYWORDS) \
	    --package-name=cm --package-version=$(VERSION) \
	    --msgid-bugs-address="the issues of cm" -F $(POTSRC)

# po/cm.pot, the template a translator starts from, made again.
pot: $(B)/cm.pot
	cp $(B)/cm.pot po/cm.pot

# Every catalog complete: every message of the sources (freshly extracted)
# translated, none fuzzy, none left over.  A new message fails the build
# until po/LANG.po has it (msgmerge -U po/LANG.po po/cm.pot, then
# translate).
po-check: $(B)/cm.pot
	@for l in $(LANGS); do \
	    msgcmp --use-untranslated $(PODIR)/$$l.po $(B)/cm.pot || exit 1; \
	    n=$$(msgattrib --only-fuzzy $(PODIR)/$$l.po | grep -c '^msgid'); \
	    n=$$n$$(msgattrib --untranslated $(PODIR)/$$l.po | \
	        grep -c '^msgid'); \
	    [ "$$n" = 00 ] || { echo "$(PODIR)/$$l.po: untranslated or" \
	        "fuzzy messages (msgattrib --untranslated --only-fuzzy)" >&2; \
	        exit 1; }; \
	done

# The manual pages in the C locale: each page carries the ASCII rendering
# of every character outside ASCII it uses (pinyin for the Chinese, from
# the table man/.ascii), which groff uses only on a device without the
# character, as man(1) formats for -Tascii in the C locale (cm(7), "The
# pages in the C locale").  man-check fails while a page lacks one or has
# one that is not the table's, as po-check does for the catalogs;
# man-ascii writes them again (after an edit that brings a new character,
# add its line to man/.ascii first).
MANPAGES = $(MAN1) $(MAN5) $(MAN7)

man-check:
	@python3 man/.ascii.py check man/.ascii $(MANPAGES)

man-ascii:
	python3 man/.ascii.py write man/.ascii $(MANPAGES)

$(B)/locale/%/LC_MESSAGES/cm.mo: $(PODIR)/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The compiler and its flags, rewritten when they change, so that the
# objects are built again: `make install PREFIX=/usr` after `make` must
# not install programs that look for their rules under /usr/local.
$(B)/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS)' | \
	    cmp -s - $@ || \
	    echo '$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS)' > $@

$(B)/common/%.o: common/%.c $(B)/flags
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c $(B)/flags
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(B)/libcm.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/bin/%: $(B)/cmd/%.o $(B)/libcm.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Wl,--as-needed $(LDFLAGS) -o $@ $< $(B)/libcm.a $(LDLIBS)

define dirtool
$(B)/bin/$(1): $(patsubst cmd/%.c,$(B)/cmd/%.o,$(wildcard cmd/$(1)/*.c)) $(B)/libcm.a
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS_ALL) -Wl,--as-needed $$(LDFLAGS) -o $$@ \
	    $$(filter %.o,$$^) $(B)/libcm.a $$(LDLIBS)
endef
$(foreach t,$(DIRTOOLS),$(eval $(call dirtool,$(t))))

$(B)/tests/%: tests/%.c $(B)/libcm.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(B)/libcm.a $(LDLIBS)

# The fault shim of tests/shim.bats, preloaded into the programs: built
# without the sanitizers even in build-san, since it stands in front of
# theirs (tests/faultshim.c).
$(B)/tests/faultshim.so: tests/faultshim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -g -fPIC -shared -Wall -Wextra -Werror -o $@ $< -ldl

-include $(wildcard $(B)/common/*.d $(B)/cmd/*.d $(B)/cmd/*/*.d $(B)/tests/*.d)

# lunar-javascript, at the version that tests/oracle/package-lock.json
# pins, from the npm registry.  Without npm or the registry the step says
# so and tests/lunar.bats skips its comparisons with it (it tries the
# install once more on its own).
tests/oracle/node_modules: tests/oracle/package.json tests/oracle/package-lock.json
	@cd tests/oracle && npm ci --ignore-scripts --no-audit --no-fund \
	    --loglevel=error >/dev/null || { rm -rf node_modules; \
	    echo "npm ci in tests/oracle failed: tests/lunar.bats will" \
	        "not compare common/lunar.c with lunar-javascript" >&2; }

# Installs what is missing of $(DEPS) with apt-get (as root, or with sudo).
# A package counts as there when another one installed provides it, as
# NodeSource's nodejs provides npm (and conflicts with Debian's).
deps:
	@provided=$$(dpkg-query -W -f='$${Status}|$${Package}, $${Provides}\n' | \
	    sed -n 's/^install ok installed|//p' | tr -s ', ' '\n\n' | \
	    sed 's/(.*//; s/:.*//'); \
	missing=$$(for p in $(DEPS) $(EXTRADEPS); do \
	    echo "$$provided" | grep -qx "$$p" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	        $$missing >/dev/null || exit 1; \
	fi

# The shipped rules on the bundled customer list: the grades, then the
# first three steps of the night, each agent's week of their golden 10.
# The demo's pipeline fails when any of its tools fails (cm(7), The
# nightly pipeline): bash with pipefail, for this target only.
demo: SHELL = /bin/bash
demo: .SHELLFLAGS = -o pipefail -c
demo: deps
	@$(MAKE) -s all
	CM_TODAY=2026-11-23 $(B)/bin/cm-classify -r rules/classify.yaml \
	    --stats samples/customers.csv
	@echo
	CM_TODAY=2026-11-23 $(B)/bin/cm-classify -r rules/classify.yaml \
	    samples/customers.csv | \
	$(B)/bin/cm-funnel -r rules/funnel.yaml | \
	$(B)/bin/cm-schedule -r rules/schedule.yaml --week 2026-11-30 --stats

# The bats suite alone, on the normal build: for quick runs while working.
test: deps
	@$(MAKE) -s all
	PATH="$(CURDIR)/$(B)/bin:$$PATH" bats tests

# The bats suite, then the same suite on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer: any report fails the run.
check: deps
	@$(MAKE) -s all tests/oracle/node_modules
	PATH="$(CURDIR)/$(B)/bin:$$PATH" bats tests
	@$(MAKE) -s B=build-san CFLAGS="-O1 -g $(SANFLAGS)" \
	    LDFLAGS="$(SANFLAGS)" all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	PATH="$(CURDIR)/build-san/bin:$$PATH" bats tests
	@$(MAKE) -s fuzz FUZZ_SECONDS=15 FUZZ_MERGE=

bench: 
	@$(MAKE) -s deps EXTRADEPS="$(BENCHDEPS)"
	@$(MAKE) -s all $(B)/bench/gen $(B)/bench/csvparse
	B=$(B) bash tests/bench/run.sh

# The tools of an older build (OLD=DIR, a build directory) against this
# one's, in turn on the same inputs: times, and outputs byte for byte.
bench-against:
	@test -n "$(OLD)" || { echo "usage: make bench-against OLD=DIR" >&2; exit 2; }
	@$(MAKE) -s all $(B)/bench/gen
	B=$(B) OLD=$(OLD) sh tests/bench/against.sh

$(B)/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -O2 -o $@ $< $(LDLIBS)

# The generator's dates are common/date.c's (csvparse stays bare libcsv).
$(B)/bench/gen: tests/bench/gen.c $(B)/libcm.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -O2 -o $@ $< $(B)/libcm.a $(LDLIBS)

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over common/ built with the
# fuzzer's coverage and the sanitizers, in build-fuzz/.  Each first runs
# every one of its seeds whole (tests/fuzz/corpus/NAME/, with every input
# that once failed), then fuzzes for FUZZ_SECONDS from them and from what
# earlier runs found (build-fuzz/corpus/NAME/); a failure is reported with
# the input that caused it (tests/fuzz/run.sh).
#
# make fuzz: 60 seconds a harness, the checkout untouched; make check runs
# it for 15 seconds.  FUZZ_MERGE=1 then merges what each harness found
# into its seeds, tests/fuzz/corpus/NAME/: only the inputs that cover
# something the seeds do not, named by the SHA-1 of their content; the
# seeds already there are kept.
#
# make fuzz-long: the nightly run, for CI machines with time: 600 seconds
# a harness (FUZZ_SECONDS overrides it), so 40 minutes for the 4 harnesses
# of today (and a minute or two to build them and merge), always with
# FUZZ_MERGE=1, so that the CI job commits tests/fuzz/corpus/ as it has
# grown.
#
# A crash found becomes a test: the run names the input it left in
# build-fuzz/artifacts/NAME-crash-SHA1 (or -leak-, -timeout-, -oom-); once
# the bug is fixed, copy it into the seeds under a name that says what it
# was (cp build-fuzz/artifacts/csvin-crash-1a2b... tests/fuzz/corpus/csvin/
# bom-twice) and commit it with the fix: every make fuzz and make check
# runs it from then on.
FUZZCC = clang
FUZZ_SECONDS = 60
FUZZ_LONG_SECONDS = 600
FUZZ_MERGE =
FUZZDEPS = clang libclang-rt-dev
FUZZFLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZERS = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZOBJ = $(patsubst common/%.c,build-fuzz/common/%.o,$(wildcard common/*.c))

fuzz:
	@$(MAKE) -s deps EXTRADEPS="$(FUZZDEPS)"
	@$(MAKE) -s $(FUZZERS)
	FUZZ_MERGE="$(FUZZ_MERGE)" sh tests/fuzz/run.sh $(FUZZ_SECONDS) \
	    $(FUZZERS)

# tests/shim.bats with every call failed in turn, not one in every STEP
# of the many (allocations: about 150 runs a tool in make check): the
# nightly run of the fault shim for machines with the time, about an hour
# on two cores.
shim-long:
	@$(MAKE) -s all
	PATH="$(CURDIR)/$(B)/bin:$$PATH" SHIM_EVERY=1 bats tests/shim.bats

.PHONY: shim-long

fuzz-long: FUZZ_SECONDS = $(FUZZ_LONG_SECONDS)
fuzz-long:
	@$(MAKE) -s fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MERGE=1

build-fuzz/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(CPPFLAGS_ALL) -std=c11 -Wall -Wextra -MMD -MP $(FUZZFLAGS) \
	    -fsanitize=fuzzer-no-link -c -o $@ $<

build-fuzz/libcm.a: $(FUZZOBJ)
	rm -f $@
	ar rcs $@ $(FUZZOBJ)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build-fuzz/libcm.a
	$(FUZZCC) $(CPPFLAGS_ALL) -std=c11 -Wall -Wextra -Werror -MMD -MP \
	    $(FUZZFLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libcm.a $(LDLIBS)

-include $(wildcard build-fuzz/common/*.d build-fuzz/*.d)

.PHONY: fuzz fuzz-long

install: all install-rules install-locale
	mkdir -p $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
	    $(DESTDIR)$(MANPREFIX)/man7 $(DESTDIR)$(EXAMPLESDIR)
	cp -f $(BIN) $(DESTDIR)$(PREFIX)/bin/
	cp -f examples/* $(DESTDIR)$(EXAMPLESDIR)/
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/

# The message catalogs, LOCALEDIR/LANG/LC_MESSAGES/cm.mo (only the
# catalogs are built first, so that the tests can run it).
install-locale: $(MO)
	@for l in $(LANGS); do \
	    mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    cp -f $(B)/locale/$$l/LC_MESSAGES/cm.mo \
	        $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; \
	done

# The rules: the defaults in RULESDIR, always the new ones; a branch's in
# CONFRULESDIR, each put there when it is missing or still the default
# that was installed before (so a new default replaces an unedited one),
# and otherwise kept as the branch edited it, with the new default beside
# it as FILE.new and a line that says so.  Nothing is built first, so that
# the tests can run it.
install-rules:
	@mkdir -p $(DESTDIR)$(RULESDIR) $(DESTDIR)$(CONFRULESDIR)
	@for f in $(RULEFILES); do \
	    b=$${f#rules/}; conf=$(DESTDIR)$(CONFRULESDIR)/$$b; \
	    old=$(DESTDIR)$(RULESDIR)/$$b; \
	    if [ ! -e "$$conf" ] || cmp -s "$$conf" "$$old" || \
	        cmp -s "$$conf" "$$f"; then \
	        cp -f "$$f" "$$conf" && rm -f "$$conf.new" || exit 1; \
	    else \
	        cp -f "$$f" "$$conf.new" || exit 1; \
	        echo "kept $(CONFRULESDIR)/$$b as it was edited; the new" \
	            "default is $(CONFRULESDIR)/$$b.new"; \
	    fi; \
	    cp -f "$$f" "$$old" || exit 1; \
	done

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(PREFIX)/bin/%)
	rm -f $(RULEFILES:rules/%=$(DESTDIR)$(RULESDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANPREFIX)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANPREFIX)/man5/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANPREFIX)/man7/%)
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/cm.mo)
	rm -f $(patsubst examples/%,$(DESTDIR)$(EXAMPLESDIR)/%,$(wildcard examples/*))
	-rmdir $(DESTDIR)$(RULESDIR) $(DESTDIR)$(EXAMPLESDIR) \
	    $(DESTDIR)$(PREFIX)/share/cm

clean:
	rm -rf build build-san build-fuzz tests/oracle/node_modules

.PHONY: all pot po-check man-check man-ascii deps demo test check bench \
	bench-against install install-rules install-locale \
	uninstall clean FORCE
.SECONDARY:

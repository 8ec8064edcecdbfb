#!/usr/bin/env bats
# tests/fuzz/run.sh, the driver of make fuzz, make fuzz-long and make
# check's fuzzing, with a stand-in for a libFuzzer harness (no clang
# needed): it runs every seed whole first, leaves the seeds as they were
# unless FUZZ_MERGE=1, merges what a run found into them with it, and never
# lets a merge remove one.  The harnesses themselves run in make fuzz.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	mkdir -p tests/fuzz/corpus/fake build-fuzz
	cp "$ROOT/tests/fuzz/run.sh" tests/fuzz/
	printf 'a seed\n' > tests/fuzz/corpus/fake/seed
	# Longer than the -max_len of the fuzzing, 4096 bytes.
	head -c 5000 /dev/zero | tr '\0' x > tests/fuzz/corpus/fake/long
	# The stand-in: each call's arguments go to build-fuzz/calls.
	# Files as arguments are each run once, and one with BOOM in it
	# crashes; -merge=1 copies into the first directory the files of
	# the others, named by their SHA-1 (and removes the seed named by
	# FAKE_LOSE); otherwise it is a fuzzing run that finds one input,
	# put in the first directory, and exits with FAKE_EXIT.
	cat > build-fuzz/fuzz_fake <<'EOF'
#!/bin/bash
echo "$*" >> "${0%/*}/calls"
dirs=() files=() merge=
for a; do
	case $a in
	-merge=1) merge=1 ;;
	-*) ;;
	*) if [ -d "$a" ]; then dirs+=("$a"); else files+=("$a"); fi ;;
	esac
done
if [ ${#files[@]} -gt 0 ]; then
	for f in "${files[@]}"; do
		if grep -q BOOM "$f"; then
			echo "==1==ERROR: AddressSanitizer: SEGV on $f"
			exit 1
		fi
		echo "Executed $f in 0 ms"
	done
	exit 0
fi
if [ -n "$merge" ]; then
	for f in "${dirs[@]:1}"; do
		for g in "$f"/*; do
			cp "$g" "${dirs[0]}/$(sha1sum < "$g" | cut -c 1-40)"
		done
	done
	[ -z "${FAKE_LOSE:-}" ] || rm "${dirs[0]}/$FAKE_LOSE"
	exit 0
fi
printf 'found\n' > "${dirs[0]}/new"
printf '#42\tDONE   cov: 3 ft: 4 corp: 3/5010b exec/s: 0 rss: 1Mb\n'
echo 'stat::number_of_executed_units: 42'
exit "${FAKE_EXIT:-0}"
EOF
	chmod +x build-fuzz/fuzz_fake
}

# The run's seconds, which vary, as N.
fuzz() {
	sh tests/fuzz/run.sh 1 "$PWD/build-fuzz/fuzz_fake" |
	    sed 's/: [0-9]*s,/: Ns,/'
	return "${PIPESTATUS[0]}"
}

@test "run.sh runs every seed, whole, before it fuzzes" {
	run --separate-stderr -0 fuzz
	assert_output - <<'EOF'
fuzz fake: 1 s
fake: Ns, cov 3, ft 4, corpus 3, runs 42
EOF
	run -0 head -n 1 build-fuzz/calls
	assert_output "-timeout=10 -rss_limit_mb=2048 -artifact_prefix=$PWD/build-fuzz/artifacts/fake- $PWD/tests/fuzz/corpus/fake/long $PWD/tests/fuzz/corpus/fake/seed"
}

@test "a seed that fails fails the run, before any fuzzing" {
	echo BOOM > tests/fuzz/corpus/fake/crash-1
	run --separate-stderr -1 fuzz
	assert_output - <<EOF
fuzz fake: 1 s
fake: FAILED (a seed, exit 1), see $PWD/build-fuzz/replay_fake.log
EOF
	assert_equal "$stderr" "==1==ERROR: AddressSanitizer: SEGV on $PWD/tests/fuzz/corpus/fake/crash-1"
	run -0 wc -l < build-fuzz/calls
	assert_output 1
}

@test "without FUZZ_MERGE the seeds are left as they were, and the finds in build-fuzz/corpus" {
	run --separate-stderr -0 fuzz
	run -0 ls tests/fuzz/corpus/fake
	assert_output - <<'EOF'
long
seed
EOF
	run -0 cat build-fuzz/corpus/fake/new
	assert_output found
}

@test "with FUZZ_MERGE=1 what the run found joins the seeds, named by its SHA-1, and every seed stays" {
	FUZZ_MERGE=1 run --separate-stderr -0 fuzz
	assert_output - <<'EOF'
fuzz fake: 1 s
fake: Ns, cov 3, ft 4, corpus 3, runs 42, seeds 2 -> 3
EOF
	run -0 ls tests/fuzz/corpus/fake
	assert_output - <<EOF
$(printf 'found\n' | sha1sum | cut -c 1-40)
long
seed
EOF
	run -0 tail -n 1 build-fuzz/calls
	assert_output "-merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=4096 -artifact_prefix=$PWD/build-fuzz/artifacts/fake- $PWD/tests/fuzz/corpus/fake $PWD/build-fuzz/corpus/fake"
}

@test "a merge that removed a seed fails the run, naming it" {
	FUZZ_MERGE=1 FAKE_LOSE=seed run --separate-stderr -1 fuzz
	assert_output - <<'EOF'
fuzz fake: 1 s
fake: Ns, cov 3, ft 4, corpus 3, runs 42, seeds 2 -> 2: FAILED, the merge removed seeds: seed
EOF
}

@test "a fuzzing run that failed is not merged" {
	FUZZ_MERGE=1 FAKE_EXIT=1 run --separate-stderr -1 fuzz
	assert_output - <<EOF
fuzz fake: 1 s
fake: Ns, cov 3, ft 4, corpus 3, runs 42: FAILED (exit 1), see $PWD/build-fuzz/fuzz_fake.log
EOF
	run -0 ls tests/fuzz/corpus/fake
	assert_output - <<'EOF'
long
seed
EOF
}

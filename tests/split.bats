#!/usr/bin/env bats
# Runs split into parts: --first-line, --stats-file, --no-header and
# --header-only, which every tool shares (common/opt.c, common/io.c).

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF2'
version: 1
classify:
  - column: level
    rules:
      - {when: {premium: {ge: 20000}}, value: 高}
    default: 低
EOF2
	# The whole file: a header and six rows on seven lines (row 4 has a
	# quoted line break).
	cat > whole.csv <<'EOF2'
id,premium
1,26000
2,x
3,"8,800"
4,"1
2"
5,30000
EOF2
	# Its second part: the header, then lines 5-8 of the whole file.
	{ head -1 whole.csv; sed -n '5,8p' whole.csv; } > part2.csv
}

@test "--first-line N numbers the rejects' lines as lines of the whole file" {
	run -0 cm-classify -r r.yaml --first-line 5 --rejects rej.csv part2.csv
	assert_output - <<'EOF2'
id,premium,level
5,30000,高
EOF2
	run -0 cat rej.csv
	assert_output - <<'EOF2'
_line,_reason,id,premium
5,"column 'premium': '1
2' is not a number (ge at line 5 of the rules)",4,"1
2"
EOF2
}

@test "--first-line N names the line of the whole file in a data error" {
	run --separate-stderr -1 cm-classify -r r.yaml --first-line 5 part2.csv
	assert_equal "$stderr" "cm-classify: part2.csv:5: column 'premium': '1
2' is not a number (ge at line 5 of the rules)"
}

@test "the parts' rejects with --first-line are the whole run's rejects" {
	{ head -1 whole.csv; sed -n '2,4p' whole.csv; } > part1.csv
	run -0 cm-classify -r r.yaml --rejects all.csv -o all.out whole.csv
	cm-classify -r r.yaml --rejects rej1.csv -o out1.csv part1.csv
	cm-classify -r r.yaml --first-line 5 --no-header --rejects rej2.csv \
	    -o out2.csv part2.csv
	cat out1.csv out2.csv | cmp - all.out
	cat rej1.csv rej2.csv | cmp - all.csv
}

@test "--first-line below 2 is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --first-line 1 part2.csv
	assert_equal "${stderr_lines[0]}" "cm-classify: --first-line: a count of at least 2, not '1'"
}

@test "--no-header leaves the header out of the output and the rejects" {
	run -0 cm-classify -r r.yaml --no-header --rejects rej.csv whole.csv
	assert_output - <<'EOF2'
1,26000,高
5,30000,高
EOF2
	run -0 head -c 2 rej.csv
	assert_output '3,'
}

@test "--header-only writes the header of the output and the rejects, and reads no row" {
	run -0 cm-classify -r r.yaml --header-only --rejects rej.csv whole.csv
	assert_output 'id,premium,level'
	run -0 cat rej.csv
	assert_output '_line,_reason,id,premium'
}

@test "--header-only and --no-header together are a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --header-only --no-header whole.csv
	assert_equal "${stderr_lines[0]}" "cm-classify: --header-only and --no-header exclude each other"
}

@test "--stats-file writes the counts of --stats as name,count CSV" {
	run -0 cm-classify -r r.yaml --rejects rej.csv --stats-file st.csv -o out.csv whole.csv
	run -0 cat st.csv
	assert_output - <<'EOF2'
name,count
read,5
written,2
rejected,3
level 高,2
level 低,0
EOF2
}

@test "the parts' --stats-file counts add up to one run's with one awk line" {
	{ head -1 whole.csv; sed -n '2,4p' whole.csv; } > part1.csv
	cm-classify -r r.yaml --rejects rej.csv --stats-file all.csv -o /dev/null whole.csv
	cm-classify -r r.yaml --rejects rej1.csv --stats-file st1.csv -o /dev/null part1.csv
	cm-classify -r r.yaml --rejects rej2.csv --stats-file st2.csv -o /dev/null part2.csv
	run -0 awk -F, 'FNR > 1 { if (!($1 in n)) k[++m] = $1; n[$1] += $2 }
	    END { print "name,count"; for (i = 1; i <= m; i++) print k[i] "," n[k[i]] }' st1.csv st2.csv
	assert_output "$(cat all.csv)"
}

@test "a run that fails writes no --stats-file" {
	run -1 cm-classify -r r.yaml --stats-file st.csv whole.csv
	[ ! -e st.csv ]
}

@test "--stats-file may not name the input or -o" {
	run --separate-stderr -2 cm-classify -r r.yaml --stats-file whole.csv whole.csv
	assert_equal "${stderr_lines[0]}" "cm-classify: --stats-file names the same file as the input, -o or --rejects: 'whole.csv'"
	run --separate-stderr -2 cm-classify -r r.yaml -o o.csv --stats-file o.csv whole.csv
	assert_equal "${stderr_lines[0]}" "cm-classify: --stats-file names the same file as the input, -o or --rejects: 'o.csv'"
}

@test "every tool takes --first-line, --no-header, --header-only and --stats-file" {
	for t in cm-classify cm-funnel cm-schedule cm-followup cm-orphan-assign; do
		run -0 "$t" --help
		assert_output --partial '--first-line N'
		assert_output --partial '--no-header'
		assert_output --partial '--header-only'
		assert_output --partial '--stats-file FILE'
	done
}

# The bench's customers (quoted commas and line breaks in addresses), with
# a premium of 3万 in every 97th row so that the parts have rejects.
customers() {
	"$ROOT/build/bench/gen" "$1" |
	    awk -F, -v OFS=, 'NR > 1 && NR % 97 == 0 && NF == 21 { $16 = "3万" } 1' \
	    > customers.csv
}

@test "examples/parallel.sh: cm-classify on 2 and on 7 parts is the run on the whole file" {
	customers 3000
	cm-classify --rejects rej.csv --stats-file st.csv -o out.csv customers.csv
	[ "$(wc -l < rej.csv)" -gt 10 ]
	for parts in 2 7; do
		run -0 "$ROOT/examples/parallel.sh" "$parts" "p$parts" cm-classify customers.csv
		cmp out.csv "p$parts/out.csv"
		cmp rej.csv "p$parts/rejects.csv"
		cmp st.csv "p$parts/stats.csv"
	done
}

# cm-followup's partition key is the customer (a customer's task is
# merged over their policies), and it sorts its list: the policies are
# cut by customer (CM_SPLIT_KEY=2), the parts' lists merged by
# cm-followup --merge, and the list, the rejects and the counts are the
# run's, byte for byte.
policies() {
	"$ROOT/build/bench/gen" -p 3000 |
	    awk -F, -v OFS=, 'NR > 1 && NR % 89 == 0 { $8 = "2013/2/30" } 1' > policies.csv
	cm-followup --from 2026-11-30 --days 30 --rejects rej.csv --stats-file st.csv -o out.csv policies.csv
	[ "$(wc -l < rej.csv)" -gt 10 ]
	[ "$(wc -l < out.csv)" -gt 100 ]
}

@test "examples/parallel.sh: cm-followup on 2 and on 7 parts is the run on the whole file, its list merged" {
	policies
	for parts in 2 7; do
		CM_SPLIT_KEY=2 run -0 "$ROOT/examples/parallel.sh" "$parts" "p$parts" cm-followup --from 2026-11-30 --days 30 policies.csv
		cmp out.csv "p$parts/out.csv"
		cmp rej.csv "p$parts/rejects.csv"
		cmp st.csv "p$parts/stats.csv"
	done
}

@test "examples/parallel.sh: cm-followup --ics is refused, and DIR holds no result and no calendar" {
	policies
	mkdir cal
	CM_SPLIT_KEY=2 run --separate-stderr -2 "$ROOT/examples/parallel.sh" 2 p cm-followup --from 2026-11-30 --ics cal policies.csv
	assert_equal "${stderr_lines[0]}" "parts.sh: cm-followup --ics writes each agent's calendar from the whole list: run it on the whole file, not split"
	run -0 ls -A p cal
	assert_output - <<'EOF'
cal:

p:
EOF
}

@test "examples/parallel.sh: a part that fails fails the run, and DIR holds no result" {
	customers 300
	printf '\377\n' >> customers.csv
	run -1 "$ROOT/examples/parallel.sh" 3 p cm-classify --input-encoding UTF-8 customers.csv
	run -0 ls -A p
	assert_output ''
}

@test "examples/parallel.sh: cm-funnel and cm-schedule on 7 parts cut by agent are the runs on the whole file" {
	"$ROOT/build/bench/gen" 3000 | cm-classify > graded.csv
	cm-funnel -o golden.csv graded.csv
	[ "$(wc -l < golden.csv)" -gt 100 ]
	CM_SPLIT_KEY=2 run -0 "$ROOT/examples/parallel.sh" 7 f cm-funnel graded.csv
	cmp golden.csv f/out.csv
	cm-schedule --week 2026-11-30 -o week.csv golden.csv
	CM_SPLIT_KEY=2 run -0 "$ROOT/examples/parallel.sh" 7 s cm-schedule --week 2026-11-30 golden.csv
	cmp week.csv s/out.csv
}

@test "examples/parallel.sh: without PARTS, DIR, TOOL and FILE it is exit status 2 with its usage" {
	run --separate-stderr -2 "$ROOT/examples/parallel.sh" 2 d
	assert_equal "$stderr" "usage: parallel.sh PARTS DIR TOOL [OPTION ...] FILE"
}

# A stand-in for sbatch --array=1-N --wait --output=PATTERN SCRIPT: the
# array's tasks run by GNU parallel, each with its SLURM_ARRAY_TASK_ID,
# its output in PATTERN with %a its task id; exit 1 when a task fails.
fake_sbatch() {
	cat > sbatch <<'EOF'
#!/bin/bash
for a; do
	case $a in
	--array=*) range=${a#--array=} ;;
	--output=*) log=${a#--output=} ;;
	esac
done
script=${!#}
echo "Submitted batch job 7"
seq "${range#*-}" | parallel --halt never \
    "SLURM_ARRAY_TASK_ID={} bash '$script' > '${log/\%a/{\}}' 2>&1" || exit 1
EOF
	chmod +x sbatch
	echo "$PWD/sbatch"
}

@test "examples/slurm.sh: cm-classify as 3 tasks of a job array is the run on the whole file" {
	customers 3000
	cm-classify --rejects rej.csv --stats-file st.csv -o out.csv customers.csv
	SBATCH=$(fake_sbatch) run -0 "$ROOT/examples/slurm.sh" 3 s cm-classify customers.csv
	assert_output ''
	cmp out.csv s/out.csv
	cmp rej.csv s/rejects.csv
	cmp st.csv s/stats.csv
	run -0 ls -A s
	assert_output $'out.csv\nrejects.csv\nstats.csv'
}

@test "examples/slurm.sh: cm-funnel cut by agent as 4 tasks is the run on the whole file" {
	"$ROOT/build/bench/gen" 3000 | cm-classify > graded.csv
	cm-funnel -o golden.csv graded.csv
	CM_SPLIT_KEY=2 SBATCH=$(fake_sbatch) run -0 "$ROOT/examples/slurm.sh" 4 f cm-funnel graded.csv
	cmp golden.csv f/out.csv
}

@test "examples/slurm.sh: cm-followup cut by customer as 5 tasks is the run on the whole file, its list merged" {
	policies
	CM_SPLIT_KEY=2 SBATCH=$(fake_sbatch) run -0 "$ROOT/examples/slurm.sh" 5 "s d" cm-followup --from 2026-11-30 --days 30 policies.csv
	cmp out.csv "s d/out.csv"
	cmp rej.csv "s d/rejects.csv"
	cmp st.csv "s d/stats.csv"
}

@test "examples/slurm.sh: a task that fails fails the run, and DIR holds no result" {
	customers 300
	printf '\377\n' >> customers.csv
	SBATCH=$(fake_sbatch) run -1 "$ROOT/examples/slurm.sh" 3 p cm-classify --input-encoding UTF-8 customers.csv
	run -0 ls -A p
	assert_output ''
}

@test "examples/slurm.sh task: without SLURM_ARRAY_TASK_ID it says it runs as an array task" {
	run --separate-stderr -2 env -u SLURM_ARRAY_TASK_ID "$ROOT/examples/slurm.sh" task w cm-classify
	assert_equal "$stderr" "slurm.sh task: SLURM_ARRAY_TASK_ID is not set: it runs as a task of a Slurm job array (sbatch --array)"
}

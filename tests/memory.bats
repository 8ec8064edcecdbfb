#!/usr/bin/env bats
# --max-memory: a run that would pass the limit ends with exit status 1,
# a message that names it, and -o FILE as it was; a run within it writes
# what it writes without one.

load test_helper
load hostile_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	tool_rules
}

# A book of 200,000 customers (about 20 MB held) and one contact.
big_book() {
	awk 'BEGIN {
		print "customer_id,assigned_to,assigned_date"
		for (i = 1; i <= 200000; i++)
			printf "K%07d,S%03d,2026-03-01\n", i, i % 50
	}' > book.csv
	printf 'agent_id,customer_id,date,channel,done\nS001,K0000001,2026-04-02,短信,yes\n' > log.csv
}

@test "--max-memory ends a run that would pass it with exit status 1 and a message naming it, and leaves -o FILE as it was" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	big_book
	echo "the old report" > out.csv
	run --separate-stderr -1 cm-report contacts --month 2026-04 \
	    --assigned book.csv --max-memory 8M -o out.csv log.csv
	assert_output ''
	[[ "$stderr" == "cm-report: out of memory: the run needs more than --max-memory 8M (allocating "*" bytes); give it more, or split the input (cm(7), Split runs)" ]]
	assert_equal "$(cat out.csv)" "the old report"
	assert_equal "$(ls -A | grep -c out)" 1
}

@test "a run within --max-memory writes what it writes without one" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	big_book
	run -0 cm-report contacts --month 2026-04 --assigned book.csv \
	    --by none -o free.csv log.csv
	run -0 cm-report contacts --month 2026-04 --assigned book.csv \
	    --by none --max-memory 1G -o limited.csv log.csv
	assert_equal "$(cat limited.csv)" "month,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,200000,1,0.00,0,0.00,1,0.05,0.00,0.05"
	cmp free.csv limited.csv
}

@test "--max-memory takes a size in bytes, K, M or G, of at least 1 MiB, for each tool" {
	for t in $(tools); do
		run --separate-stderr -2 "$t" --max-memory 12X in.csv
		assert_equal "$(head -n 1 <<< "$stderr")" "$t: --max-memory: '12X' is not a size (512M, 2G)"
		run --separate-stderr -2 "$t" --max-memory 1000K in.csv
		assert_equal "$(head -n 1 <<< "$stderr")" "$t: --max-memory: '1000K' is not a size (512M, 2G)"
	done
}

@test "each tool runs its small job within --max-memory 64M as without it" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	for t in $(tools); do
		input "$t" 20
		set_args "$t"
		run -0 "$t" "${ARGS[@]}" -o free.csv in.csv
		run -0 "$t" "${ARGS[@]}" --max-memory 64M -o limited.csv in.csv
		cmp free.csv limited.csv
	done
}

# A week's list of 200,000 customers, 40 an agent, sorted by agent.
sorted_week() {
	cat > r.yaml <<'EOF2'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed, thu, fri]
  times: ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"]
plans:
  - name: 一
    action: 拜访
    place: first
EOF2
	awk 'BEGIN {
		print "id,agent,name,address"
		for (i = 0; i < 200000; i++)
			printf "K%07d,A%05d,客户%d,\"南京市鼓楼区中山路%d号, %d室\"\n", \
			    i, i / 40, i, i % 500, i % 3000
	}' > week.csv
}

@test "cm-schedule runs an input sorted by agent in the memory of its agents, which from a pipe it cannot" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	sorted_week
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --max-memory 24M -o file.csv week.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --week 2026-11-30 --max-memory 24M -o pipe.csv < week.csv
	[[ "$stderr" == "cm-schedule: out of memory: the run needs more than --max-memory 24M "* ]]
	run -0 cm-schedule -r r.yaml --week 2026-11-30 -o pipe.csv < week.csv
	cmp file.csv pipe.csv
	assert_equal "$(wc -l < file.csv)" 200001
}

# A name book of 200,000 graded customers, 40 an agent, sorted by agent,
# of whom the funnel keeps 30 an agent at its first limit.
sorted_book() {
	cat > f.yaml <<'EOF2'
version: 1
group_by: agent
stage_column: stage
rank_column: rank
stages:
  - name: 前30
    order: [-score]
    limit: 30
  - name: 前10
    limit: 10
EOF2
	awk 'BEGIN {
		print "id,agent,score,address"
		for (i = 0; i < 200000; i++)
			printf "K%07d,A%05d,%d,\"南京市鼓楼区中山路%d号, %d室\"\n", \
			    i, i / 40, (i * 7919) % 1000, i % 500, i % 3000
	}' > book.csv
}

@test "cm-funnel runs an input sorted by agent in the memory of its largest agent, which from a pipe it cannot" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	sorted_book
	run -0 cm-funnel -r f.yaml --max-memory 24M -o file.csv book.csv
	run --separate-stderr -1 cm-funnel -r f.yaml --max-memory 24M -o pipe.csv < book.csv
	[[ "$stderr" == "cm-funnel: out of memory: the run needs more than --max-memory 24M "* ]]
	run -0 cm-funnel -r f.yaml -o pipe.csv < book.csv
	cmp file.csv pipe.csv
	assert_equal "$(wc -l < file.csv)" 50001
}

# The 30 rows of each agent with the highest score.
best30() {
	cat > f.yaml <<'EOF2'
version: 1
group_by: agent
stage_column: stage
stages:
  - name: 前30
    order: [-score]
    limit: 30
EOF2
}

# Each row better than the last, of a length at random: each takes the place
# of a row of another length.
@test "cm-funnel keeps a group's best rows as 300,000 of every length pass, in the memory of the rows it keeps" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	best30
	awk 'BEGIN {
		srand(7)
		print "id,agent,score,note"
		for (i = 0; i < 300000; i++) {
			note = sprintf("%*s", 10 + int(rand() * 190), "")
			gsub(/ /, "x", note)
			printf "K%07d,A1,%d,%s\n", i, i, note
		}
	}' > big.csv
	run -0 cm-funnel -r f.yaml --max-memory 16M -o out.csv --stats - < big.csv
	assert_line --index 0 "cm-funnel: read: 300000"
	assert_equal "$(wc -l < out.csv)" 31
	assert_equal "$(sed -n '2p;$p' out.csv | cut -d, -f1,3 | tr '\n' ' ')" \
	    "K0299999,299999 K0299970,299970 "
}

# 1,500 agents, interleaved, in four rounds of 30 rows an agent, each round
# better than the last and its notes 20 bytes longer: every round's rows
# take the places of the round before, in pieces of another size.
rounds() {
	best30
	awk 'BEGIN {
		print "id,agent,score,note"
		for (p = 0; p < 4; p++) {
			note = sprintf("%*s", 200 + 20 * p, "")
			gsub(/ /, "x", note)
			for (k = 0; k < 30; k++)
				for (a = 0; a < 1500; a++)
					printf "K%d%02d%04d,A%04d,%d,%s\n", p, k, a,
					    a, p * 100 + k, note
		}
	}' > rounds.csv
}

@test "cm-funnel keeps the rows that take the places of shorter rows whole, as the memory of the shorter is given back" {
	rounds
	run -0 cm-funnel -r f.yaml -o out.csv --stats rounds.csv
	assert_line --index 0 "cm-funnel: read: 180000"
	assert_equal "$(wc -l < out.csv)" 45001
	note=$(printf '%260s' '' | tr ' ' x)
	assert_equal "$(sed -n '2p;31p;$p' out.csv)" \
	    "K3290000,A0000,329,$note,前30
K3000000,A0000,300,$note,前30
K3001499,A1499,300,$note,前30"
	assert_equal "$(cut -d, -f3 out.csv | sort | uniq -c | awk '{ print $1 }' | sort -u | tr '\n' ' ')" \
	    "1 1500 "
}

@test "cm-funnel gives back the memory of rows whose places longer rows took, within --max-memory 48M where it held 60 MB" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	rounds
	run -0 cm-funnel -r f.yaml --max-memory 48M -o out.csv rounds.csv
	assert_equal "$(wc -l < out.csv)" 45001
}

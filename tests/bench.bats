#!/usr/bin/env bats
#
# The bench's reference grading in Miller (tests/bench/classify.mlr), which
# `make bench` times beside cm-classify: it must grade as cm-classify does.
# Miller is a bench dependency (BENCHDEPS), so these tests skip without it.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	command -v mlr > /dev/null ||
	    skip "mlr (BENCHDEPS, installed by make bench) is missing"
}

@test "classify.mlr reads 20250907, 2025/9/7 and 2025-09-07 as one date" {
	cat > in.csv <<'CSV'
customer_id,closed,economy,awareness,influence,last_contact,interactions_90d,trust,policy_count,annual_premium
1,yes,好,强,广,20250907,1,感知,1,100
2,yes,好,强,广,2025/9/7,1,感知,1,100
3,yes,好,强,广,2025-09-07,1,感知,1,100
4,yes,好,强,广,20260105,1,感知,1,100
5,yes,好,强,广,2026/1/5,1,感知,1,100
CSV
	run -0 mlr --icsv --ocsv put -f "$ROOT/tests/bench/classify.mlr" \
	    then cut -f customer_id,last_contact,segment in.csv
	assert_output - <<'CSV'
customer_id,last_contact,segment
1,20250907,休眠客户
2,2025/9/7,休眠客户
3,2025-09-07,休眠客户
4,20260105,一般客户
5,2026/1/5,一般客户
CSV
}

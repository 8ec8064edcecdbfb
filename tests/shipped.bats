#!/usr/bin/env bats
# The shipped rules (rules/classify.yaml) on the bundled sample
# (samples/customers.csv), with CM_TODAY=2026-11-23 from test_helper.
#
# tests/fixtures/customers.classified.csv was made by the tool and then
# checked by hand against rules/classify.yaml and the seeds' tables, row by
# row for C0001-C0018 (C0001-C0008 every combination of economy, awareness
# and influence, not closed; C0009-C0016 the same, closed; C0017 quadrant
# 1, C0018 quadrant 4), C0020 (a newline in its address), C0033 (no last
# contact) and C0041 (quadrant 3); the segments by seed 003's 市值 (C0016,
# 20,000 in force: 高效), 成交量 (C0012, 3 policies: 高贡献) and a year
# without contact (C0010, C0013: 休眠), C0008 (nothing bought) 一般.

load test_helper

# The header of the sample in Chinese, as a Chinese export has it.
zh_header() {
	sed '1{
s/customer_id/客户编号/
s/agent_id/营销员编号/
s/\bname\b/姓名/
s/phone/电话/
s/gender/性别/
s/birthday_calendar/生日历法/
s/birthday/生日/
s/wedding_date/结婚纪念日/
s/source/来源/
s/region/区域/
s/address/地址/
s/economy/经济条件/
s/awareness/保险意识/
s/influence/影响力/
s/closed/是否成交/
s/annual_premium/年缴保费/
s/last_contact/最近联系/
s/interactions_90d/近90天互动/
s/trust/信任度/
s/policy_count/保单件数/
s/referrer/转介绍人/
}'
}

# The shipped rules with only a columns: mapping added.
zh_rules() {
	cat "$ROOT/rules/classify.yaml"
	cat <<'EOF'
columns:
  economy: 经济条件
  awareness: 保险意识
  influence: 影响力
  closed: 是否成交
  annual_premium: 年缴保费
  last_contact: 最近联系
  interactions_90d: 近90天互动
  trust: 信任度
  policy_count: 保单件数
  referrer: 转介绍人
EOF
}

@test "the shipped rules pass --check" {
	run --separate-stderr -0 cm-classify -r "$ROOT/rules/classify.yaml" --check "$ROOT/samples/customers.csv"
	assert_output ''
	[ "$stderr" = "" ]
}

@test "the shipped rules grade the bundled sample as checked by hand" {
	cm-classify "$ROOT/samples/customers.csv" > out.csv
	cmp out.csv "$FIXTURES/customers.classified.csv"
}

@test "the hand-checked rows of the sample have their grades" {
	run -0 cm-classify "$ROOT/samples/customers.csv"
	printf '%s\n' "$output" > out.csv
	# customer_id, economy .. trust, then the columns the rules write, for
	# rows whose address holds neither a comma nor a newline.
	run -0 awk -F, '$1 ~ /^C00(0[1-6]|0[89]|1[0-3]|1[5-8]|33|41)$/ {
		s = $1; for (i = 12; i <= NF; i++) s = s "," $i; print s }' out.csv
	assert_output - <<'EOF'
C0001,好,强,广,no,,2026-03-13,6,感知,0,,A,A-未成交,积极拜访、优质准客户、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,2,8
C0002,好,强,一般,no,,2026-11-21,5,感知,0,,B,B-未成交,注重培养、准客户、相关信息告知,一般客户,定期联络：节日问候，相关信息告知,2,6
C0003,好,一般,广,no,,2026-02-18,6,感知,0,C0009,B,B-未成交,注重培养、准客户、相关信息告知,一般客户,定期联络：节日问候，相关信息告知,2,6
C0004,好,一般,一般,no,,2026-05-20,0,感知,0,,C,C-未成交,注重培养、准客户、增员、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,,3
C0005,一般,强,广,no,,2025-02-09,3,感知,0,,C,C-未成交,注重培养、准客户、增员、转介绍来源,休眠客户,唤醒：电话问候，约访做保单检视,,5
C0006,一般,强,一般,no,,2026-05-05,6,情感,0,,C,C-未成交,注重培养、准客户、增员、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,,6
C0008,一般,一般,一般,no,,2026-02-16,6,,0,,D,D-未成交,慢慢培养、增员动作,一般客户,定期联络：节日问候，相关信息告知,,2
C0009,好,强,广,yes,3600,2026-10-13,1,行为,1,,A,A-成交,提供高品质售后服务、加保、增员、转介绍来源、影响力中心,一般客户,定期回访：成交后一周、一月、三月、六月电话回访，节日问候,1,8
C0010,好,强,一般,yes,5000,2025-09-10,6,感知,1,,B,B-成交,加强售后服务、新产品加保、增员、转介绍来源,休眠客户,唤醒：电话问候，约访做保单检视,2,7
C0011,好,一般,广,yes,8800,,2,,1,,B,B-成交,加强售后服务、新产品加保、增员、转介绍来源,一般客户,定期回访：成交后一周、一月、三月、六月电话回访，节日问候,2,4
C0012,好,一般,一般,yes,12000,2026-11-03,8,感知,3,,C,C-成交,售后服务、增员、转介绍来源,高贡献客户,感恩回馈：节日登门送礼，请求转介绍,,5
C0013,一般,强,广,yes,20000,2025/3/8,1,情感,2,,C,C-成交,售后服务、增员、转介绍来源,休眠客户,唤醒：电话问候，约访做保单检视,,5
C0015,一般,一般,广,yes,20000,2025-06-22,5,,2,,C,C-成交,售后服务、增员、转介绍来源,休眠客户,唤醒：电话问候，约访做保单检视,,2
C0016,一般,一般,一般,yes,20000,2026-09-08,6,行为,2,,C,C-成交,售后服务、增员、转介绍来源,高效客户,重点维护：每季度面访，年度保单检视，加保与转介绍,,5
C0017,好,强,广,no,,2026-05-05,3,情感,0,,A,A-未成交,积极拜访、优质准客户、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,1,8
C0018,好,强,一般,no,,2026-08-23,0,,0,,B,B-未成交,注重培养、准客户、相关信息告知,一般客户,定期联络：节日问候，相关信息告知,4,4
C0033,好,强,广,no,,,2,情感,0,,A,A-未成交,积极拜访、优质准客户、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,1,8
C0041,好,强,广,yes,12000,2025-01-09,1,感知,1,,A,A-成交,提供高品质售后服务、加保、增员、转介绍来源、影响力中心,休眠客户,唤醒：电话问候，约访做保单检视,3,6
EOF
}

@test "the shipped rules count the sample's grades" {
	run --separate-stderr -0 cm-classify --stats -o out.csv "$ROOT/samples/customers.csv"
	[ "$stderr" = "cm-classify: read: 48
cm-classify: written: 48
cm-classify: rejected: 0
cm-classify: class A: 6
cm-classify: class B: 12
cm-classify: class C: 27
cm-classify: class D: 3
cm-classify: segment 休眠客户: 12
cm-classify: segment 高效客户: 8
cm-classify: segment 高贡献客户: 2
cm-classify: segment 一般客户: 26
cm-classify: quadrant 1: 4
cm-classify: quadrant 3: 1
cm-classify: quadrant 2: 9
cm-classify: quadrant 4: 4
cm-classify: quadrant (empty): 30" ]
}

@test "the sample on standard input is graded the same" {
	cm-classify < "$ROOT/samples/customers.csv" > out.csv
	cmp out.csv "$FIXTURES/customers.classified.csv"
}

@test "the sample saved by Chinese Excel (GB18030, CRLF) is graded the same" {
	sed 's/$/\r/' "$ROOT/samples/customers.csv" | iconv -f UTF-8 -t GB18030 > excel.csv
	run -1 iconv -f UTF-8 -t UTF-8 excel.csv
	cm-classify excel.csv > out.csv
	# The line break inside C0020's quoted address is kept, now CRLF.
	[ "$(grep -c $'\r' out.csv)" -eq 1 ]
	tr -d '\r' < out.csv > lf.csv
	cmp lf.csv "$FIXTURES/customers.classified.csv"
}

@test "the sample with a Chinese header and the shipped rules with columns: gives the same grades" {
	zh_header < "$ROOT/samples/customers.csv" > zh.csv
	zh_rules > zh.yaml
	run -0 head -n 1 zh.csv
	assert_output '客户编号,营销员编号,姓名,电话,性别,生日,生日历法,结婚纪念日,来源,区域,地址,经济条件,保险意识,影响力,是否成交,年缴保费,最近联系,近90天互动,信任度,保单件数,转介绍人'
	cm-classify -r zh.yaml zh.csv > out.csv
	zh_header < "$FIXTURES/customers.classified.csv" > want.csv
	cmp out.csv want.csv
}

@test "the Chinese-header sample without columns: is refused in one message, naming every column, the header and the rule file" {
	zh_header < "$ROOT/samples/customers.csv" > zh.csv
	# The first rule's when: is on the line after its name.
	line=$(($(grep -n 'name: A-成交' "$ROOT/rules/classify.yaml" | cut -d: -f1) + 1))
	run --separate-stderr -2 cm-classify zh.csv
	assert_output ''
	[ "$stderr" = "cm-classify: $ROOT/rules/classify.yaml:$line:16: columns 'closed', 'economy', 'awareness', 'influence', 'last_contact', 'annual_premium', 'policy_count', 'trust', 'interactions_90d' are not in the header of zh.csv: '客户编号', '营销员编号', '姓名', '电话', '性别', '生日', '生日历法', '结婚纪念日', '来源', '区域', '地址', '经济条件', '保险意识', '影响力', '是否成交', '年缴保费', '最近联系', '近90天互动', '信任度', '保单件数', '转介绍人'; add them to the input, or map them to headers with columns: in $ROOT/rules/classify.yaml" ]
}

@test "columns: can write the grade under a Chinese name too" {
	zh_header < "$ROOT/samples/customers.csv" > zh.csv
	{ zh_rules; printf '  class: 客户等级\n  strategy: 经营策略\n'; } > zh.yaml
	cm-classify -r zh.yaml zh.csv > out.csv
	zh_header < "$FIXTURES/customers.classified.csv" |
	    sed '1s/,class,class_rule,strategy,/,客户等级,class_rule,经营策略,/' > want.csv
	cmp out.csv want.csv
}

# The values of issue 15's point 10: with the shipped rules, a stray space
# is dropped, a traditional form stands for its simplified one, and a word
# outside the seeds' values is an error of its row, counted, never a
# silent grade.
@test "the shipped rules read 好 with a space and the traditional 強 as their values, and refuse 良好" {
	cat > in.csv <<'EOF2'
customer_id,economy,awareness,influence,closed,annual_premium,policy_count,last_contact,interactions_90d,trust,source
C1,好 ,強,广,no,,0,2026-11-01,3,情感,亲属
C2,良好,强,广,no,,0,2026-11-01,3,情感,亲属
C3,好,强,广,是,26000,2,2026-11-01,3,情感,网友
EOF2
	run --separate-stderr -0 cm-classify --rejects rej.csv --stats in.csv
	assert_output - <<'EOF2'
customer_id,economy,awareness,influence,closed,annual_premium,policy_count,last_contact,interactions_90d,trust,source,class,class_rule,strategy,segment,service,quadrant,gps_score
C1,好,强,广,no,,0,2026-11-01,3,情感,亲属,A,A-未成交,积极拜访、优质准客户、转介绍来源,一般客户,定期联络：节日问候，相关信息告知,1,8
EOF2
	run -0 cat rej.csv
	assert_output - <<'EOF2'
_line,_reason,customer_id,economy,awareness,influence,closed,annual_premium,policy_count,last_contact,interactions_90d,trust,source
3,"column 'economy': '良好' is not one of 好, 一般 (domains: at line 25 of the rules)",C2,良好,强,广,no,,0,2026-11-01,3,情感,亲属
4,"column 'source': '网友' is not one of 亲属, 同学老师, 左邻右舍, 消费场所, 既往同事, 趣味相投, 子女相关, 家人相关, 业外同行 (domains: at line 49 of the rules)",C3,好,强,广,是,26000,2,2026-11-01,3,情感,网友
EOF2
	# C3 is rejected whole: its 是 is not counted as replaced.
	assert_equal "$(printf '%s\n' "$stderr" | grep -e replaced -e domain)" "cm-classify: economy: replaced by a value: 1
cm-classify: economy: not in its domain: 1
cm-classify: awareness: replaced by a value: 1
cm-classify: awareness: not in its domain: 0
cm-classify: source: replaced by a value: 0
cm-classify: source: not in its domain: 1"
}

# Random rows for tests/accounting.bats: awk -v seed=S -v n=N -v meta=FILE
# -f accounting_gen.awk > in.csv
#
# Writes a CSV file of the columns id,agent,premium,d,phone,note: about
# N rows, most of them good, some broken (a field too few or too many, a
# quote inside an unquoted field, text after a closing quote, a blank
# line, at the very end an unterminated quote), and some good rows with
# cells the rules of accounting.bats cannot read (a premium that is not a
# number, a date that is not a date) or leave empty (agent, id).
#
# META gets what the rows must give: records (rows after the header, as the
# reader counts them), and for each tool of accounting.bats the number of
# rows it must reject ("cm-classify 12") and the lines they start on
# ("cm-classify-lines 3 7 12").
# With carry=FILE, FILE gets last week's calendar for cm-schedule
# --carryover, of some of the same customers, some done.

function pick(list,    a, k) {
	k = split(list, a, "|")
	return a[int(rand() * k) + 1]
}

# A premium: "num:VALUE", "empty:" or "bad:TEXT".
function premium(    r) {
	r = rand()
	if (r < 0.10)
		return "empty:"
	if (r < 0.25)
		return "bad:" pick("\"1,200\"|abc|1e3|.5|5.| 5|－5|12a|--1")
	if (r < 0.35)
		return "num:" pick("+5|-3|0012|12.50|0|0.5|20000|19999.99|-0")
	return "num:" int(rand() * 40000)
}

function date(    r, day) {
	r = rand()
	if (r < 0.15)
		return "empty:"
	if (r < 0.30)
		return "bad:" pick("2026-02-30|2026-13-01|x|2026-1-5x|2026.11-25|20261325|2026-11-")
	day = int(rand() * 40) + 1
	if (day > 30)
		return "ok:" sprintf("2026-12-%02d", day - 30)
	return "ok:" pick(sprintf("2026-11-%02d", day) "|" sprintf("2026/11/%d", day) "|" \
	    sprintf("202611%02d", day))
}

function kind(v) { return substr(v, 1, index(v, ":") - 1) }
function text(v) { return substr(v, index(v, ":") + 1) }

function note(    r) {
	r = rand()
	if (r < 0.6)
		return pick("a|客户|ok|x y")
	return pick("\"with, comma\"|\"two\nlines\"|\"say \"\"hi\"\"\"|\"\"|\"\r\"")
}

# Prints a row and returns the line it starts on: line ends are LF, CRLF
# or a lone CR, inside quotes or not, as the reader counts them.
function emit(row, last,    s, k) {
	k = line
	printf "%s%s", row, last ? "" : "\n"
	s = row "\n"
	gsub(/\r\n/, "\n", s)
	line += gsub(/[\r\n]/, "", s)
	return k
}

# Notes the row starting at line l as one that tool t must reject.
function reject(t, l) {
	nrej[t]++
	lines[t] = lines[t] " " l
}

BEGIN {
	srand(seed)
	line = 1
	emit("id,agent,premium,d,phone,note")
	split("cm-classify cm-funnel cm-schedule cm-followup", tools, " ")
	records = 0
	for (i = 1; i <= n; i++) {
		r = rand()
		records++
		row = ""
		if (r < 0.04)
			row = i ",A1,5"				# too few fields
		else if (r < 0.07)
			row = i ",A1,5,2026-11-25,1,x,extra"	# too many
		else if (r < 0.09)
			row = i ",A1,5,2026-11-25,1,a\"b"	# a quote inside
		else if (r < 0.11)
			row = i ",A1,\"5\"x,2026-11-25,1,y"	# text after a quote
		if (r < 0.13) {					# or a blank line
			l = emit(row)
			for (t = 1; t <= 4; t++)
				reject(tools[t], l)
			continue
		}
		id = rand() < 0.03 ? "" : (rand() < 0.05 && i > 1 ? int(rand() * (i - 1)) + 1 : i)
		agent = rand() < 0.05 ? "" : "A" (int(rand() * 4) + 1)
		p = premium()
		d = date()
		phone = rand() < 0.3 ? "" : "139" int(rand() * 100000)
		l = emit(id "," agent "," text(p) "," text(d) "," phone "," note())
		pbad = kind(p) == "bad"
		dbad = kind(d) == "bad"
		pv = kind(p) == "num" ? text(p) + 0 : 0
		# classify: premium >= 20000, >= 1, then d before 2026-01-01.
		if (pbad || (!(kind(p) == "num" && pv >= 1) && dbad))
			reject("cm-classify", l)
		# funnel: the group (agent), then premium >= 1.
		if (agent == "" || pbad)
			reject("cm-funnel", l)
		# schedule: agent and id, then premium >= 20000, then d before.
		if (agent == "" || id == "" || pbad ||
		    (!(kind(p) == "num" && pv >= 20000) && dbad))
			reject("cm-schedule", l)
		# followup: premium >= 1, then the date d.
		if (pbad || (kind(p) == "num" && pv >= 1 && dbad))
			reject("cm-followup", l)
	}
	if (rand() < 0.3) {
		records++
		l = emit((n + 1) ",A1,5,2026-11-25,1,\"never closed", 1)
		for (t = 1; t <= 4; t++)
			reject(tools[t], l)
	}
	if (meta != "") {
		print "records " records > meta
		for (t = 1; t <= 4; t++) {
			print tools[t] " " nrej[tools[t]] + 0 > meta
			print tools[t] "-lines" lines[tools[t]] > meta
		}
	}
	if (carry != "") {
		print "id,agent,premium,d,phone,note,plan,done" > carry
		for (i = 1; i <= n / 5; i++) {
			c = int(rand() * n) + 1
			print c ",A" (int(rand() * 4) + 1) ",100,2026-11-20,1,last," \
			    pick("高|其他|gone") "," pick("yes|no|") > carry
		}
	}
}

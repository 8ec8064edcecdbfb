#!/bin/bash
# parallel.sh: one run of a cm tool split over the cores with GNU parallel,
# with the same output, rejects and counts as the run on the whole file.
#
#   examples/parallel.sh PARTS DIR TOOL [OPTION ...] FILE
#
# cuts FILE into PARTS parts on record boundaries (a quoted field may hold
# line breaks; a part ends only where a record does), each with FILE's
# header, runs TOOL with OPTIONs on every part at once (GNU parallel, one
# job a core), and joins what the parts wrote, in order, into
#
#   DIR/out.csv        the output, one header and every part's rows
#   DIR/rejects.csv    the rejected rows, _line naming lines of FILE
#   DIR/stats.csv      the counts (name,count), the parts' added up
#
# Each part is run with --first-line (its first row's line in FILE),
# --no-header, --rejects and --stats-file; the headers come from one run
# with --header-only.  The run fails, and DIR keeps no result, when any
# part fails.
#
# A tool whose partition key is not none (cm(7), Split runs) needs the
# rows of one key in one part: with CM_SPLIT_KEY=N, a part ends only where
# the N-th field changes, so a FILE grouped by that column (a CRM export
# sorted by customer or agent) keeps each key's rows together; the
# fields up to the N-th must hold no quoted comma.  cm-followup's key is
# the customer (CM_SPLIT_KEY=2 for the policies of DOMAIN.md), cm-funnel's
# and cm-schedule's the agent; their outputs are then joined part by part,
# in the parts' order, each part's sorted as the tool sorts.
set -euo pipefail

if [ $# -lt 4 ]; then
	echo "usage: parallel.sh PARTS DIR TOOL [OPTION ...] FILE" >&2
	exit 2
fi
parts=$1 dir=$2
shift 2
file=${!#}
args=("${@:1:$#-1}")
case $parts in
''|*[!0-9]*|0) echo "parallel.sh: PARTS must be a count, not '$parts'" >&2
	exit 2 ;;
esac
[ -r "$file" ] || { echo "parallel.sh: $file: cannot be read" >&2; exit 2; }
mkdir -p "$dir"
work=$(mktemp -d "$dir/.parts.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The cut: a record ends on a line where the quotes seen so far are even
# (a doubled quote inside a field counts twice, so it keeps the parity).
# Each part gets about the same number of lines; part.N.first is the line
# of FILE its first row starts on.
lines=$(wc -l < "$file")
awk -v parts="$parts" -v lines="$lines" -v work="$work" \
    -v key="${CM_SPLIT_KEY:-0}" '
NR == 1 { header = $0; next }
{
	if (start) {
		k = ""
		if (key > 0) {
			split($0, f, ",")
			k = f[key]
		}
		if (n == 0 || ((NR - 1) > n * per && (key == 0 || k != last))) {
			n++
			out = work "/part." n ".csv"
			print header > out
			print NR > (work "/part." n ".first")
		}
		last = k
	}
	print > out
	q += gsub(/"/, "&")
	start = q % 2 == 0
}
BEGIN { start = 1; per = (lines - 1) / parts; if (per < 1) per = 1 }
END { print n + 0 > (work "/count") }
' "$file"

# The headers, from the whole file's; then the parts, in parallel.
"${args[@]}" --header-only --rejects "$work/rejects.csv" "$file" \
    > "$work/out.csv"
n=$(cat "$work/count")
for i in $(seq "$n"); do
	echo "$i $(cat "$work/part.$i.first")"
done | parallel -q --colsep ' ' --halt now,fail=1 \
    "${args[@]}" --first-line {2} --no-header \
    --rejects "$work/rej.{1}.csv" --stats-file "$work/stats.{1}.csv" \
    -o "$work/out.{1}.csv" "$work/part.{1}.csv"

for i in $(seq "$n"); do
	cat "$work/out.$i.csv" >> "$work/out.csv"
	cat "$work/rej.$i.csv" >> "$work/rejects.csv"
done
awk -F, 'FNR > 1 { if (!($1 in sum)) order[++k] = $1; sum[$1] += $2 }
END {
	print "name,count"
	for (i = 1; i <= k; i++)
		print order[i] "," sum[order[i]]
}' "$work"/stats.*.csv > "$work/stats.csv"
mv "$work/out.csv" "$work/rejects.csv" "$work/stats.csv" "$dir/"

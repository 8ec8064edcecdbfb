#!/bin/bash
# parts.sh: the pieces of a split run, shared by parallel.sh (the cores of
# one machine, GNU parallel) and slurm.sh (a cluster, a Slurm job array).
#
#   parts.sh cut PARTS WORK FILE
#       cuts FILE into at most PARTS parts on record boundaries (a quoted
#       field may hold line breaks; a part ends only where a record does),
#       each WORK/part.I.csv with FILE's header; WORK/part.I.first is the
#       line of FILE its first row starts on, WORK/count the parts made.
#       With CM_SPLIT_KEY=N a part ends only where the N-th field changes,
#       so a FILE grouped by that column keeps each key's rows together
#       (the fields up to the N-th must hold no quoted comma).
#   parts.sh run WORK I TOOL [OPTION ...]
#       runs TOOL with OPTIONs on part I, with --first-line, --no-header,
#       --rejects, --stats-file and -o files of the part in WORK; a TOOL
#       that sorts its output and has --merge (cm-followup) writes the
#       part's output and rejects with their headers: --merge checks the
#       output's columns; its --ics is refused (exit 2), as an agent's
#       calendar is made from the whole list.
#   parts.sh join WORK DIR TOOL [OPTION ...]
#       writes the header (TOOL --header-only) and every part's output,
#       rejects and counts (added up), in the parts' order, into
#       DIR/out.csv, DIR/rejects.csv and DIR/stats.csv; the parts'
#       outputs of a TOOL with --merge are merged by TOOL --merge with
#       OPTIONs, in the tool's order, into the output of one run.
set -euo pipefail

usage() {
	echo "usage: parts.sh cut PARTS WORK FILE | run WORK I TOOL [OPTION ...] |" \
	    "join WORK DIR TOOL [OPTION ...]" >&2
	exit 2
}

# The cut: a record ends on a line where the quotes seen so far are even
# (a doubled quote inside a field counts twice, so it keeps the parity).
# Each part gets about the same number of lines.
cut_file() {
	local parts=$1 work=$2 file=$3 lines

	case $parts in
	''|*[!0-9]*|0) echo "parts.sh: PARTS must be a count, not '$parts'" >&2
		exit 2 ;;
	esac
	[ -r "$file" ] || { echo "parts.sh: $file: cannot be read" >&2; exit 2; }
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
	END {
		if (n == 0) {	# a header alone: one part of no row
			n = 1
			print header > (work "/part.1.csv")
			print 2 > (work "/part.1.first")
		}
		print n > (work "/count")
	}
	' "$file"
}

# Whether TOOL merges its own sorted outputs (--merge in its --help).
merges() {
	local help

	help=$("$1" --help 2>/dev/null) || return 1
	case $help in
	*" --merge "*) return 0 ;;
	esac
	return 1
}

run_part() {
	local work=$1 i=$2 header=--no-header

	shift 2
	# A list to merge keeps its header: --merge checks the columns.  An
	# agent's calendar (--ics) is made from the whole list, which no
	# part has: each part would write over the others' calendars.
	if merges "$1"; then
		header=
		for a; do
			case $a in
			--ics|--ics=*)
				echo "parts.sh: $1 --ics writes each agent's" \
				    "calendar from the whole list: run it on the" \
				    "whole file, not split" >&2
				exit 2 ;;
			esac
		done
	fi
	"$@" --first-line "$(cat "$work/part.$i.first")" ${header:+"$header"} \
	    --rejects "$work/rej.$i.csv" --stats-file "$work/stats.$i.csv" \
	    -o "$work/out.$i.csv" "$work/part.$i.csv"
}

join_parts() {
	local work=$1 dir=$2 n i outs=() stats=()

	shift 2
	n=$(cat "$work/count")
	for i in $(seq "$n"); do
		outs+=("$work/out.$i.csv")
		stats+=("$work/stats.$i.csv")
	done
	# The headers: those of the whole file's, which every part has.
	"$@" --header-only --rejects "$work/rejects.csv" "$work/part.1.csv" \
	    > "$work/out.csv"
	if merges "$1"; then
		# Each part's output is sorted: merged, it is one run's.  The
		# parts' rejects lose the header that --no-header would have
		# left out (a header is one line).
		"$@" --merge -o "$work/out.csv" "${outs[@]}"
		for i in $(seq "$n"); do
			tail -n +2 "$work/rej.$i.csv" >> "$work/rejects.csv"
		done
	else
		cat "${outs[@]}" >> "$work/out.csv"
		for i in $(seq "$n"); do
			cat "$work/rej.$i.csv" >> "$work/rejects.csv"
		done
	fi
	awk -F, 'FNR > 1 { if (!($1 in sum)) order[++k] = $1; sum[$1] += $2 }
	END {
		print "name,count"
		for (i = 1; i <= k; i++)
			print order[i] "," sum[order[i]]
	}' "${stats[@]}" > "$work/stats.csv"
	mv "$work/out.csv" "$work/rejects.csv" "$work/stats.csv" "$dir/"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
cut) [ $# -eq 3 ] || usage; cut_file "$@" ;;
run) [ $# -ge 3 ] || usage; run_part "$@" ;;
join) [ $# -ge 3 ] || usage; join_parts "$@" ;;
*) usage ;;
esac

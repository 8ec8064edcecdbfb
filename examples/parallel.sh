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
# fields up to the N-th must hold no quoted comma.  The cut, the run of a
# part and the join are parts.sh's, which slurm.sh shares.  cm-followup's
# key is the customer (CM_SPLIT_KEY=2 for the policies of DOMAIN.md),
# cm-funnel's and cm-schedule's the agent.  The outputs are joined part
# by part, in the parts' order, except those of a tool that sorts its
# whole output and merges its own (--merge, cm-followup): each part's
# list is sorted, and the tool merges them in its order into the list of
# one run, byte for byte.
set -euo pipefail

if [ $# -lt 4 ]; then
	echo "usage: parallel.sh PARTS DIR TOOL [OPTION ...] FILE" >&2
	exit 2
fi
parts=$1 dir=$2
shift 2
file=${!#}
args=("${@:1:$#-1}")
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
work=$(mktemp -d "$dir/.parts.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$here/parts.sh" cut "$parts" "$work" "$file"
seq "$(cat "$work/count")" | parallel -q --halt now,fail=1 \
    "$here/parts.sh" run "$work" {} "${args[@]}"
"$here/parts.sh" join "$work" "$dir" "${args[@]}"

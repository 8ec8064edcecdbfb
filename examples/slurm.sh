#!/bin/bash
# slurm.sh: one run of a cm tool split over a cluster as a Slurm job array,
# with the same output, rejects and counts as the run on the whole file.
#
#   examples/slurm.sh PARTS DIR TOOL [OPTION ...] FILE
#
# cuts FILE into PARTS parts on record boundaries (parts.sh cut; with
# CM_SPLIT_KEY=N, only where the N-th field changes, for a tool whose
# partition key is not none), submits one array task a part with sbatch
# --array=1-PARTS --wait, each running TOOL with OPTIONs on its part
# (parts.sh run, part $SLURM_ARRAY_TASK_ID), and, when every task has
# ended well, joins what the parts wrote (parts.sh join: in the parts'
# order, or, for a tool with --merge such as cm-followup, the parts'
# sorted lists merged by the tool into one run's list) into
#
#   DIR/out.csv        the output, one header and every part's rows
#   DIR/rejects.csv    the rejected rows, _line naming lines of FILE
#   DIR/stats.csv      the counts (name,count), the parts' added up
#
# DIR must be on a file system the cluster's nodes share, and TOOL on
# their PATH.  SBATCH_OPTIONS adds options to sbatch (a partition, a time
# limit: "-p night -t 2:00:00"); SBATCH names the program (sbatch).  A
# task that fails fails the run (sbatch --wait exits non-zero), and DIR
# keeps no result.  Each task's own log is DIR/.parts.*/task.I.log while
# the run lasts.
#
#   examples/slurm.sh task WORK TOOL [OPTION ...]
#
# is what each array task runs: parts.sh run on part $SLURM_ARRAY_TASK_ID.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = task ]; then
	[ $# -ge 3 ] || { echo "usage: slurm.sh task WORK TOOL [OPTION ...]" >&2; exit 2; }
	shift
	work=$1
	shift
	if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
		echo "slurm.sh task: SLURM_ARRAY_TASK_ID is not set: it runs as" \
		    "a task of a Slurm job array (sbatch --array)" >&2
		exit 2
	fi
	exec "$here/parts.sh" run "$work" "$SLURM_ARRAY_TASK_ID" "$@"
fi

if [ $# -lt 4 ]; then
	echo "usage: slurm.sh PARTS DIR TOOL [OPTION ...] FILE" >&2
	exit 2
fi
parts=$1 dir=$2
shift 2
file=${!#}
args=("${@:1:$#-1}")
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d "$dir/.parts.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$here/parts.sh" cut "$parts" "$work" "$file"
n=$(cat "$work/count")
# The job script: the task's command, each word quoted for the shell.
{
	echo '#!/bin/bash'
	printf 'exec'
	printf ' %q' "$here/slurm.sh" task "$work" "${args[@]}"
	echo
} > "$work/job.sh"
# shellcheck disable=SC2086
${SBATCH:-sbatch} --array="1-$n" --wait --job-name=cm-split \
    --output="$work/task.%a.log" ${SBATCH_OPTIONS:-} "$work/job.sh" > /dev/null
"$here/parts.sh" join "$work" "$dir" "${args[@]}"

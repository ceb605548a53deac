#!/usr/bin/env bash
# Launch tools/train.py in N processes through torchrun and mmengine's
# 'pytorch' launcher: tools/dist_train.sh CONFIG N [train.py flags...]
# Without a GPU the processes use the gloo backend on the CPU.
set -euo pipefail
CONFIG=$1
NPROC=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}
PYTHON=${PYTHON:-python}
# Each process gets its share of the cores (torchrun would give it 1).
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
THREADS=$(( CORES / NPROC ))
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(( THREADS > 0 ? THREADS : 1 ))}

PYTHONPATH="$(dirname "$0")/..":${PYTHONPATH:-} \
"$PYTHON" -m torch.distributed.run \
    --nnodes="$NNODES" \
    --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" \
    --nproc_per_node="$NPROC" \
    --master_port="$PORT" \
    "$(dirname "$0")/train.py" \
    "$CONFIG" \
    --launcher pytorch "${@:3}"

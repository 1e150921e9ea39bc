#!/usr/bin/env bash
# Trains the Flow-ELBO lab's shipped models, resources/vae_lab_k{0,2,8}.fsm: the lab's 2-D-latent
# architecture (flowscope-cli vae train --lab), the same budget, batch order and seed for every K.
# Resumable: run it again after a stop and each model continues from its checkpoint in $WORK.
#   CLI=build/flowscope-cli STEPS=20000 tools/train_vae_lab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CLI:-build/flowscope-cli}
WORK=${WORK:-build/vae-lab-training}
STEPS=${STEPS:-20000}
mkdir -p "$WORK"
for k in 0 2 8; do
  ckpt="$WORK/k$k.fsm"
  resume=()
  [ -f "$ckpt" ] && resume=(--resume "$ckpt")
  "$CLI" vae train --lab --layers "$k" --steps "$STEPS" --batch 100 --lr 1e-3 --seed 1 --threads 1 \
    --checkpoint-every 1000 "${resume[@]}" --out "$ckpt"
  # The shipped copy without the optimiser state (a third of the size).
  "$CLI" vae train --resume "$ckpt" --steps "$STEPS" --threads 1 --drop-training-state \
    --out "resources/vae_lab_k$k.fsm"
done

#pragma once
/// \file Importing y0ast/Glow-PyTorch checkpoints (the Glow most used in out-of-distribution
/// research; its published CIFAR-10 model is a legacy torch.save file).

#include "io/glow_model_file.h"

#include <string>

namespace flowscope {

struct Y0astImportOptions {
    /// The settings file that project's train.py writes beside its checkpoints; empty: the
    /// hparams.json in the checkpoint's folder, if there is one.
    std::string hparamsPath;
    /// 0: from the learned top prior's buffer `prior_h` ([1, 2C, S/2^L, S/2^L]); otherwise it must agree.
    int64_t imageSize = 0;
};

/// Imports a y0ast/Glow-PyTorch `model.state_dict()` (legacy or zip torch.save) as an exact
/// FlowScope Glow: n_bits 8, zero-padded zero-initialised convolutions, ActNorm (x + b)·e^logs as
/// loc/scale, each coupling convolution's trailing ActNorm folded into its weight and bias,
/// interleaved shift/scale and mean/log-scale channels (0::2, 1::2) reordered into halves, the
/// learned top prior from `learn_top_fn` (its input `prior_h` must be zero, as that project keeps
/// it), LU or plain 1×1 convolutions or the reverse permutation; imported models are initialised.
/// Cross-checks the keys against hparams.json when there is one. Refuses, in one sentence naming
/// the file, what it cannot reproduce: a `shuffle` permutation (its indices are not saved),
/// class-conditional models (y_condition), a non-zero prior_h, and any tensor the architecture
/// does not use or needs and lacks (ModelFileError).
LoadedGlowModel importY0astGlow(const std::string& path, const Y0astImportOptions& options = {});

}  // namespace flowscope

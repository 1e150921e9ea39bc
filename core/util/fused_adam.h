#pragma once
/// \file Adam's update in one pass over each parameter's memory, for the trainers' hot loop.

#include <torch/torch.h>

namespace flowscope {

/// One step of `optimizer`: the update torch::optim::Adam::step() makes (its options, bias
/// corrections and state, so checkpoints and a later step() carry on), computed for each float32
/// CPU parameter in a single loop over parameter, gradient and both moments instead of LibTorch's
/// eight tensor passes and two temporaries (the same arithmetic, in the same order; results agree
/// to float rounding). Anything else (CUDA, amsgrad, weight decay, other types) goes through
/// optimizer.step().
void fusedAdamStep(torch::optim::Adam& optimizer);

}  // namespace flowscope

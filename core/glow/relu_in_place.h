#pragma once

#include <torch/torch.h>

namespace flowscope {

/// max(x, 0) written over x. With gradients on, its backward masks the gradient it receives in
/// place (one pass, no new buffer), where relu_'s own backward allocates and writes a fresh
/// tensor per hidden activation: about a third of that backward's memory traffic. Only for an
/// activation consumed by exactly one convolution, whose backward hands over a gradient no other
/// node holds.
torch::Tensor reluIntoConvolution(torch::Tensor x);

}  // namespace flowscope

#pragma once

#include "flow/flow_model_2d.h"
#include "util/parameter_shape.h"

namespace flowscope {

/// Every parameter and buffer FlowModel(config) registers, with its shape, computed without
/// building anything (no allocation beyond the list). Tested equal to the built model's
/// named_parameters + named_buffers for every flow kind.
ParameterShapes flowParameterShapes(const FlowConfig& config);

}  // namespace flowscope

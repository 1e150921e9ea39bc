#pragma once
/// \file Built-in synthetic faces with known attributes, so FlowScope trains and edits a Glow
/// model offline: a procedural renderer made of antialiased signed distance fields, batched with
/// tensor ops, deterministic in (seed, index).

#include "faces/face_attributes.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace flowscope {

/// RGB images [B, 3, size, size], float in [0, 1], of the given faces; size in 16…128. Face b
/// depends on faces[b] alone (rendering in a batch or one by one gives identical pixels).
torch::Tensor renderFaces(const std::vector<FaceAttributes>& faces, int64_t size);

/// A batch of faces with their attributes.
struct FaceBatch {
    torch::Tensor images;  ///< [count, 3, size, size]
    std::vector<FaceAttributes> attributes;
};

/// Faces first … first + count − 1 of `seed`.
FaceBatch sampleFaces(int64_t first, int64_t count, int64_t size, uint64_t seed);

}  // namespace flowscope

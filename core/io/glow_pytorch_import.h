#pragma once

#include "io/glow_model_file.h"

#include <string>

namespace flowscope {

/// What a glow-pytorch checkpoint does not record and the user must give.
struct GlowImportOptions {
    int64_t imageSize = 64;
    int64_t nBits = 5;
};

/// Imports a rosinality/glow-pytorch checkpoint (`torch.save` of a (DataParallel) state dict).
/// The architecture — levels, steps, affine/additive, LU/plain 1×1 convolutions, hidden width,
/// channels — is inferred from the keys and shapes; every tensor must be present with the shape
/// that architecture needs, and nothing else may be. Throws ModelFileError with one sentence
/// naming the file and what makes it unsupported.
LoadedGlowModel importGlowPytorch(const std::string& path, const GlowImportOptions& options);

}  // namespace flowscope

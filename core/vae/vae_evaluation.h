#pragma once

#include "vae/vae_model.h"

#include <atomic>
#include <functional>

namespace flowscope {

/// A VAE measured on a set of binarised images (nats per image; means with standard errors
/// across images).
struct VaeEvaluation {
    double elbo = 0, elboStderr = 0;
    double nllIs = 0, nllIsStderr = 0;  ///< −ln p(x), importance sampled
    double klTerm = 0;                  ///< E[ln q_K(z_K|x) − ln p(z_K)]
    double logLikelihood = 0;           ///< E[ln p(x|z_K)]
    int64_t n = 0;
    int64_t samples = 0;
};

/// `binary`: [N, dataDim] images in {0, 1} (the fixed binarisation). `samples` importance
/// samples per image, drawn from a generator seeded with `seed`; images `batch` at a time.
/// `onProgress(done, total)` after each batch; a raised `stop` ends early with the images done.
VaeEvaluation evaluateVae(VaeModelImpl& model, const torch::Tensor& binary, int64_t samples, uint64_t seed,
                          int64_t batch = 100, const std::function<void(int64_t, int64_t)>& onProgress = nullptr,
                          const std::atomic<bool>* stop = nullptr);

}  // namespace flowscope

#pragma once

#include <string>

namespace flowscope {

/// The shipped pretrained face model (resources/faces64.fsm): beside the executable
/// (build/resources/, copied there by the build) or, failing that, in the source tree.
/// Throws std::runtime_error naming the places it looked when it is missing.
std::string shippedFaceModelPath();
/// The shipped Fashion-MNIST model (resources/fashion32.fsm), found the same way.
std::string shippedFashionModelPath();

/// The Flow-ELBO lab's shipped 2-D-latent VAEs: one architecture (vaeLabConfig), these flow
/// lengths K, the same budget and seed for each (tools/train_vae_lab.sh).
inline constexpr int kVaeLabLayers[] = {0, 2, 8};
/// resources/vae_lab_k<K>.fsm, found as above.
std::string shippedVaeLabModelPath(int layers);

}  // namespace flowscope

#pragma once

#include "vae/vae_model.h"

#include <QJsonObject>

#include <map>
#include <string>

namespace flowscope {

QJsonObject toJson(const VaeConfig& config);
/// Throws std::invalid_argument naming the bad field.
VaeConfig vaeConfigFromJson(const QJsonObject& json);

/// Everything a VAE model file holds besides the parameters.
struct VaeFileExtras {
    QJsonObject metadata;                                ///< data, steps, test ELBO, …
    std::map<std::string, torch::Tensor> trainingState;  ///< for resuming
};

/// Saves a VAE (FlowScope model file, kind "vae") atomically.
void saveVaeModel(const std::string& path, VaeModelImpl& model, const VaeFileExtras& extras = {});

struct LoadedVaeModel {
    VaeModel model{nullptr};
    VaeFileExtras extras;
};
/// Loads a VAE model file; throws ModelFileError naming the file and the problem. The
/// architecture is checked against the tensors the file holds before anything is built.
LoadedVaeModel loadVaeModel(const std::string& path);

}  // namespace flowscope

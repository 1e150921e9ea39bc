#pragma once

#include "glow/attribute_vector.h"
#include "glow/glow_model.h"

#include <QJsonObject>

#include <map>
#include <string>
#include <vector>

namespace flowscope {

QJsonObject toJson(const GlowConfig& config);
/// Throws std::invalid_argument naming the bad field.
GlowConfig glowConfigFromJson(const QJsonObject& json);

/// Everything a Glow model file holds besides the parameters.
struct GlowFileExtras {
    std::vector<AttributeVector> attributes;
    QJsonObject metadata;  ///< data source, image size, n_bits, steps, bits/dim, …
    /// Training state for resuming (optimiser moments, step): name → tensor.
    std::map<std::string, torch::Tensor> trainingState;
};

/// Saves a Glow model (FlowScope model file, kind "glow") atomically.
void saveGlowModel(const std::string& path, GlowModelImpl& model, const GlowFileExtras& extras);

struct LoadedGlowModel {
    GlowModel model{nullptr};
    GlowFileExtras extras;
};
/// Loads a Glow model file; throws ModelFileError naming the file and the problem.
LoadedGlowModel loadGlowModel(const std::string& path);

}  // namespace flowscope

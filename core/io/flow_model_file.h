#pragma once

#include "flow/flow_model_2d.h"

#include <QJsonObject>

#include <string>

namespace flowscope {

QJsonObject toJson(const FlowConfig& config);
/// Throws std::invalid_argument naming the bad field.
FlowConfig flowConfigFromJson(const QJsonObject& json);

/// Saves a 2D flow (architecture, every parameter and buffer, and `metadata`) atomically.
void saveFlowModel(const std::string& path, FlowModelImpl& model, const QJsonObject& metadata = {});

struct LoadedFlowModel {
    FlowModel model{nullptr};
    QJsonObject metadata;
};
/// Loads a 2D flow; throws ModelFileError naming the file and the problem (wrong kind, missing
/// or extra tensors, wrong shapes, damaged data).
LoadedFlowModel loadFlowModel(const std::string& path);
/// The same file in memory (a demo file carries one); `label` names it in messages.
LoadedFlowModel loadFlowModelFromBytes(const std::string& bytes, const std::string& label);
/// The bytes saveFlowModel would write.
std::string flowModelBytes(FlowModelImpl& model, const QJsonObject& metadata = {});

}  // namespace flowscope

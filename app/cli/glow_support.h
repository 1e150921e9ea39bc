#pragma once
/// \file What the `flowscope-cli glow` subcommands share, and the subcommands themselves (one
/// file a group: glow_train_command, glow_model_commands, glow_edit_commands).

#include "cli/arguments.h"
#include "io/glow_model_file.h"

#include <QJsonArray>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace flowscope::cli::glow {

/// A native model file; a PyTorch .pt gets one line saying to import it first.
LoadedGlowModel loadModelArgument(const std::string& path);
/// The same, placed on `--device` (auto: the GPU when LibTorch sees one, TF32 off as in
/// training, so encodes and reconstructions stay exact).
LoadedGlowModel loadModelArgument(const std::string& path, const Arguments& a);
QJsonArray toJsonArray(const torch::Tensor& t);
/// --model, or the shipped face model.
std::string modelPathOrShipped(const Arguments& a);
/// `--out` naming a folder (a trailing '/' or an existing directory) rather than one PNG.
bool namesFolder(const std::string& out);
/// 42s, 3m07s, 1h05m.
std::string formatSeconds(double s);

int train(const std::vector<std::string>& args);
int sample(const std::vector<std::string>& args);
int logp(const std::vector<std::string>& args);
int importModel(const std::vector<std::string>& args);
int info(const std::vector<std::string>& args);
int attributes(const std::vector<std::string>& args);
int edit(const std::vector<std::string>& args);
int interpolate(const std::vector<std::string>& args);
int eval(const std::vector<std::string>& args);
int ablation(const std::vector<std::string>& args);

}  // namespace flowscope::cli::glow

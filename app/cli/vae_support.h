#pragma once
/// \file What the `flowscope-cli vae` subcommands share, and the subcommands themselves
/// (vae_command.cpp: help, dispatch, train, eval, posterior; vae_table_command.cpp: table).

#include "cli/arguments.h"
#include "io/image_dataset.h"
#include "io/vae_model_file.h"
#include "types/vae_train_config.h"

#include <QJsonObject>

#include <functional>
#include <string>
#include <vector>

namespace flowscope::cli::vae {

/// Grey images of `spec` at the model's size, and the data set they came from (classes, notes).
struct GreyImages {
    ImageDataset set;
    torch::Tensor grey;  ///< [N, S·S] float in [0, 1]
};
/// "a,b,c" as integers in [lo, hi], at most maxCount; a UsageError naming `option` otherwise.
std::vector<int64_t> parseIntegerList(const std::string& text, const std::string& option, const std::string& what,
                                      int64_t lo, int64_t hi, size_t maxCount);

GreyImages loadGreyImages(const std::string& spec, int64_t imageSize, const std::string& split, int64_t limit);

/// The architecture from --latent, --flow, --layers, --amortised|--global, --hidden,
/// --activation, --seed (the defaults are the paper's experiment at FlowScope's sizes).
VaeConfig configFromArguments(const Arguments& a, int64_t imageSize);
/// --steps, --batch, --lr, --samples, --anneal, --seed, --device, --checkpoint-every.
VaeTrainConfig trainConfigFromArguments(const Arguments& a);
/// The options both accept, for Arguments' spec lists.
std::vector<Arguments::Spec> modelAndTrainingOptions();

/// Trains (or resumes from a checkpoint's `resumed` state and metadata) and saves `out` every checkpoint and at the end, with its
/// training state unless `dropState`; prints progress on stderr. Returns the summary JSON.
QJsonObject trainAndSave(VaeModel model, const GreyImages& data, const std::string& dataSpec,
                         const VaeTrainConfig& train, const std::string& out, const VaeFileExtras* resumed,
                         bool dropState, const std::string& progressLabel);

int train(const std::vector<std::string>& args);
int eval(const std::vector<std::string>& args);
int posterior(const std::vector<std::string>& args);
int table(const std::vector<std::string>& args);

}  // namespace flowscope::cli::vae

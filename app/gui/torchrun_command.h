#pragma once
/// \file The shell command that runs the Train page's configured Glow training as a
/// data-parallel job under torchrun (c10d: Gloo on CPUs, NCCL on GPUs), for a cluster.

#include "gui/glow_train_types.h"

#include <QString>

namespace flowscope {

struct TorchrunOptions {
    int processesPerNode = 8;  ///< one a GPU on a GPU node
    int nodes = 1;             ///< > 1 adds the rendezvous flags every node must share
    QString rendezvous = "HOST:29400";
    QString cli = "flowscope-cli";  ///< the CLI as the cluster's nodes find it
};

/// `torchrun … --no_python CLI glow train …` with the settings' data, architecture and
/// training flags (--batch is per process: the global batch is processes × nodes × batch), each
/// argument quoted for a POSIX shell where it needs it.
QString torchrunCommand(const GlowTrainSettings& settings, const TorchrunOptions& options);

}  // namespace flowscope

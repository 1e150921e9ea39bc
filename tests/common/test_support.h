#pragma once
/// \file Shared helpers for the Qt Test executables.

#include "flow/flow_model_2d.h"
#include "types/flow_config.h"
#include "types/plane.h"

#include <torch/torch.h>

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace flowscope::test {

/// The kind a data row names in `table` (rows keep readable names); throws for an unknown one.
template <typename Table>
auto kindNamed(const Table& table, const std::string& name) {
    if (auto kind = kindFromName(table, name)) return *kind;
    throw std::invalid_argument("no kind is called '" + name + "' (expected " + kindNames(table) + ")");
}
inline FlowKind flowKindNamed(const std::string& name) { return kindNamed(kFlowKinds, name); }

/// Adds N(0, scale²) noise to every parameter (zero-initialised layers would otherwise be the
/// identity, and a test of them could not fail).
void perturbParameters(torch::nn::Module& module, double scale, uint64_t seed);

/// A 2-D flow of `layers` layers of `flow` (hidden width 16) with its parameters perturbed by
/// N(0, scale²), so no layer is the identity.
FlowModel perturbedFlowModel(const std::string& flow, int64_t layers, uint64_t seed, double scale);

/// The n×n grid of cells over [−half, half]².
inline GridSpec squareGrid(int64_t n, double half) {
    GridSpec g;
    g.nx = g.ny = n;
    g.x0 = g.y0 = -half;
    g.x1 = g.y1 = half;
    return g;
}

/// The per-sample Jacobians ∂y/∂z of `map` at z [B, d] by autograd, as [B, d, d] (double).
torch::Tensor autogradJacobian(const std::function<torch::Tensor(const torch::Tensor&)>& map, const torch::Tensor& z);

/// log|det| of each [d, d] matrix by Eigen's LU (an independent reference).
torch::Tensor eigenLogAbsDet(const torch::Tensor& jacobians);

/// The process's peak resident memory so far, in MiB (getrusage): a loader that allocated what
/// its input did not pay for shows up here even after it freed it.
double peakResidentMiB();

/// Rewrites a native model file's header as a hostile editor would: the same tensors and
/// checksum, the architecture changed by `edit`, the header length kept honest.
void editModelArchitecture(const std::string& path, const std::function<void(QJsonObject&)>& edit);

/// A TCP port on 127.0.0.1 that nothing listened on a moment ago (the kernel's choice), for a
/// rendezvous store in the distributed tests.
uint16_t freeTcpPort();

/// True when the suite runs in CI (CI=true), where ../shared is always laid beside the checkout.
bool runningInCi();

/// Copies a native Glow model to `destination` with its header claiming 8 levels × 64 steps ×
/// hidden 4096 at 256 px: gigabytes if built, refused by the loader before anything is built.
void writeHostileGlowCopy(const QString& source, const QString& destination);

/// ../shared beside the checkout, or an empty string when it is absent.
QString sharedDir();

/// The directory holding the built executables (flowscope-cli, …).
QString binaryDir();

}  // namespace flowscope::test

/// Skips a test that needs ../shared (fixtures, data sets) when it is absent, with `why`; in CI,
/// where ../shared is always present, its absence is a failure, never a silent skip.
#define FLOWSCOPE_SKIP_WITHOUT_SHARED(why)                                                                           \
    do {                                                                                                             \
        if (flowscope::test::runningInCi()) QFAIL(qPrintable(QString(why) + " (CI=true: ../shared must be there)")); \
        QSKIP(why);                                                                                                  \
    } while (false)

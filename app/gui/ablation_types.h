#pragma once
/// \file Values between the Glow ablation page (GUI thread) and its worker. Plain types only.

#include <QMetaType>
#include <QString>

namespace flowscope {

/// What the ablation page runs (defaults: `glow ablation --quick`).
struct AblationSettings {
    QString data = "fashion-mnist";  ///< a data spec (io/image_dataset.h)
    int size = 16, levels = 2, steps = 4, hidden = 32;
    int iterations = 400, seeds = 1, batch = 16, evalEvery = 100, evalImages = 300;
    double learningRate = 5e-4;
};

/// One held-out evaluation of one run.
struct AblationPointInfo {
    int panel = 0;   ///< 0 additive, 1 affine coupling
    int series = 0;  ///< 0 reverse, 1 shuffle, 2 the 1×1 convolution
    QString variant;
    int seed = 0, iteration = 0;
    double trainBitsPerDim = 0, testBitsPerDim = 0;
    double fraction = 0;  ///< of the whole ablation done
    double etaSeconds = 0;
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::AblationSettings)
Q_DECLARE_METATYPE(flowscope::AblationPointInfo)

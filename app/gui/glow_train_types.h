#pragma once

#include "types/glow_config.h"
#include "types/glow_train_config.h"

#include <QImage>
#include <QMetaType>
#include <QString>

#include <vector>

namespace flowscope {

/// The Train page's settings, as the core's own configs.
struct GlowTrainSettings {
    QString data = "faces";  ///< a data spec: faces, fashion-mnist, idx:DIR, cifar10:DIR or a folder
    /// The architecture of a new model (a resumed one keeps the file's).
    GlowConfig model = [] {
        GlowConfig c;
        c.hidden = 128;  // trains in minutes on a laptop CPU
        return c;
    }();
    GlowTrainConfig training = [] {
        GlowTrainConfig t;
        t.learningRate = 5e-4;
        t.iterations = 2000;
        t.checkpointEvery = 200;
        t.previewEvery = 100;
        return t;
    }();
    QString output;      ///< model file written at checkpoints and at the end
    QString resumeFrom;  ///< a checkpoint to continue (architecture from the file)
    bool attributesAtEnd = true;
};

struct GlowTrainProgress {
    qint64 step = 0, total = 0;
    double bitsPerDim = 0, averageBitsPerDim = 0;
    double imagesPerSecond = 0, etaSeconds = 0;
    bool running = false;
    QString phase;                ///< "training", "paused", "attribute vectors", "done"
    std::vector<QImage> preview;  ///< new preview samples, when due
    QString event;
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::GlowTrainSettings)
Q_DECLARE_METATYPE(flowscope::GlowTrainProgress)

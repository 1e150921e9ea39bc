#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>

#include <vector>

namespace flowscope {

/// The Train page's settings.
struct GlowTrainSettings {
    QString data = "faces";  ///< "faces" or an image folder
    int imageSize = 32;
    int channels = 3;
    int levels = 3;
    int steps = 8;
    int hidden = 128;
    bool affine = true;
    bool lu = true;
    int nBits = 5;
    int batch = 16;
    double learningRate = 5e-4;
    int iterations = 2000;
    int checkpointEvery = 200;
    int previewEvery = 100;
    QString output;      ///< model file written at checkpoints and at the end
    QString resumeFrom;  ///< a checkpoint to continue (architecture from the file)
    bool attributesAtEnd = true;
    QString device = "auto";
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

#pragma once
/// \file Values between the Flow-ELBO lab page (GUI thread) and its worker. Plain types only.

#include "types/plane.h"

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

namespace flowscope {

/// The model the lab shows.
struct VaeLabModelInfo {
    QString description;  ///< "K = 8 amortised planar layers, shipped"
    int layers = 0;
    QString source;        ///< "shipped", a file name, or "trained here" (for display)
    bool shipped = false;  ///< one of the models the K menu lists
};

/// The images to pick from, and where the test set lands in the latent plane.
struct VaeLabDataInfo {
    QString description;
    std::vector<QImage> images;  ///< the picker's grey test images
    std::vector<int> classes;    ///< of the picker's images
    QStringList classNames;
};

/// The latent map: decoded images over the plane, test points by class.
struct VaeLatentMapInfo {
    QImage mosaic;
    double x0 = -3, x1 = 3, y0 = -3, y1 = 3;
    std::vector<float> xy;  ///< μ(x) of test images
    std::vector<int> classes;
    QStringList classNames;
};

/// One image's exact posterior and its approximations (core/vae/posterior_grid.h).
struct VaePosteriorInfo {
    int index = -1;
    int layers = 0;
    QString className;
    QImage binarised;                                 ///< the image as the model sees it (the fixed binarisation)
    ScalarGrid logPosterior;                          ///< ln p(z|x)
    std::vector<ScalarGrid> steps;                    ///< ln q_k, k = 0 … K
    std::vector<std::vector<Polyline>> stepContours;  ///< of each q_k, on the strip's grid
    std::vector<Polyline> posteriorContours, q0Contours, qKContours;
    double logPx = 0, elbo = 0, klQK = 0, klQ0 = 0, elboQ0 = 0;
    double klBestGaussian = 0;  ///< the best diagonal Gaussian's KL: the mean field's limit here
    double expectedLogLikelihood = 0, expectedLogPrior = 0, entropy = 0, qMass = 0;
    double muX = 0, muY = 0;
    std::vector<QImage> posteriorSamples, priorSamples;  ///< decoded means of z ~ q_K(z|x), z ~ p(z)
    double milliseconds = 0;
};

/// What the lab's Train button runs.
struct VaeLabTrainSettings {
    int layers = 8;
    int steps = 3000;
    int batch = 100;
    double learningRate = 1e-3;
    int annealSteps = 0;
    int seed = 1;
};

struct VaeLabTrainProgress {
    int step = 0, total = 0;
    double elbo = 0, averageElbo = 0, beta = 1, stepsPerSecond = 0, etaSeconds = 0;
    QString event;
    bool finished = false;
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::VaeLabModelInfo)
Q_DECLARE_METATYPE(flowscope::VaeLabDataInfo)
Q_DECLARE_METATYPE(flowscope::VaeLatentMapInfo)
Q_DECLARE_METATYPE(flowscope::VaePosteriorInfo)
Q_DECLARE_METATYPE(flowscope::VaeLabTrainSettings)
Q_DECLARE_METATYPE(flowscope::VaeLabTrainProgress)

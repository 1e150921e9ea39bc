#include "gui/ablation_worker.h"

#include "glow/glow_ablation.h"
#include "glow/glow_config.h"
#include "io/image_dataset.h"

#include <QStringList>

#include <algorithm>
#include <chrono>
#include <map>

namespace flowscope {

AblationWorker::AblationWorker() {
    qRegisterMetaType<AblationSettings>();
    qRegisterMetaType<AblationPointInfo>();
}

void AblationWorker::run(const AblationSettings& s) {
    m_stop = false;
    GlowAblationConfig config;
    auto& m = config.model;
    m.imageSize = s.size;
    m.levels = s.levels;
    m.steps = s.steps;
    m.hidden = s.hidden;
    m.nBits = 8;
    m.inChannels = nativeChannels(s.data.toStdString());
    auto& t = config.training;
    t.iterations = s.iterations;
    t.batch = s.batch;
    t.learningRate = s.learningRate;
    t.warmup = std::min(100, s.iterations / 5);
    t.device = "auto";
    config.seeds = s.seeds;
    config.evalEvery = s.evalEvery;
    validate(m);  // a bad combination (size not divisible by 2^levels) is failed(message)

    ImageDatasetOptions o;
    o.size = m.imageSize;
    o.channels = m.inChannels;
    std::vector<std::string> notes;
    auto train = openTrainingData(s.data.toStdString(), o, &notes);
    o.split = "test";
    o.limit = s.evalImages;
    const auto test = loadImageDataset(s.data.toStdString(), o);
    QStringList adapted;
    for (const auto& n : notes) adapted << QString::fromStdString(n);
    emit started(QString::fromStdString(train->description() + ", held out: " + test.description) +
                 (adapted.isEmpty() ? QString() : " (" + adapted.join("; ") + ")"));

    const auto variants = glowAblationVariants();
    const double runs = static_cast<double>(variants.size()) * s.seeds;
    const auto start = std::chrono::steady_clock::now();
    std::map<size_t, std::vector<double>> finals;
    runGlowAblation(
        config, train, test.images,
        [&](const GlowAblationPoint& p) {
            AblationPointInfo info;
            const auto& v = variants[p.variant];
            info.panel = v.affine ? 1 : 0;
            info.series = v.permutation == GlowPermutation::Reverse   ? 0
                          : v.permutation == GlowPermutation::Shuffle ? 1
                                                                      : 2;
            info.variant = QString::fromStdString(v.name);
            info.seed = static_cast<int>(p.seed);
            info.iteration = static_cast<int>(p.iteration);
            info.trainBitsPerDim = p.trainBitsPerDim;
            info.testBitsPerDim = p.testBitsPerDim;
            info.fraction = (static_cast<double>(p.variant) * s.seeds + static_cast<double>(p.seed) +
                             static_cast<double>(p.iteration) / s.iterations) /
                            runs;
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            info.etaSeconds = info.fraction > 0 ? elapsed / info.fraction * (1 - info.fraction) : 0;
            if (p.iteration == s.iterations) finals[p.variant].push_back(p.testBitsPerDim);
            emit point(info);
        },
        &m_stop);
    if (m_stop) {
        emit finished(tr("Stopped."), false);
        return;
    }
    QStringList orderings;
    for (bool affine : {false, true}) {
        std::vector<std::pair<double, QString>> order;
        for (size_t v = 0; v < variants.size(); ++v)
            if (variants[v].affine == affine && !finals[v].empty()) {
                double sum = 0;
                for (double f : finals[v]) sum += f;
                order.push_back({sum / finals[v].size(), kindName(kGlowPermutations, variants[v].permutation)});
            }
        std::sort(order.begin(), order.end());
        QStringList names;
        for (const auto& [value, name] : order) names << QString("%1 (%2)").arg(name).arg(value, 0, 'f', 3);
        orderings << (affine ? tr("affine: ") : tr("additive: ")) + names.join(" < ");
    }
    emit finished(orderings.join("; "), true);
}

}  // namespace flowscope

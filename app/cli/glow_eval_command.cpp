// flowscope-cli glow eval: held-out bits/dim with its interval and per-level split, per-image
// values as CSV, and a histogram of one or two models on one or two data sets.
#include "cli/glow_support.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "glow/glow_evaluation.h"
#include "io/atomic_file.h"
#include "io/chart_image.h"
#include "io/image_dataset.h"
#include "util/compute_threads.h"
#include "util/device.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>

namespace flowscope::cli::glow {

namespace {

struct Run {
    std::string model, data;
    ImageDataset set;
    GlowEvaluation result;
};

std::string label(const std::string& path) { return QFileInfo(QString::fromStdString(path)).fileName().toStdString(); }

/// A shared-bin histogram of every run's bits/dim, as densities (so sets of different sizes compare).
ChartPanel histogram(const std::vector<Run>& runs, bool nameModels, bool nameData) {
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& r : runs) {
        lo = std::min(lo, r.result.bitsPerDim.min().item<double>());
        hi = std::max(hi, r.result.bitsPerDim.max().item<double>());
    }
    if (!(hi > lo)) hi = lo + 1.0;
    const int bins = 60;
    const double width = (hi - lo) / bins;
    ChartPanel panel;
    panel.title = "Held-out bits per dimension";
    panel.xLabel = "bits/dim";
    panel.yLabel = "density";
    for (const auto& r : runs) {
        ChartSeries s;
        std::string name;
        if (nameModels) name = label(r.model);
        if (nameData) name += (name.empty() ? "" : " on ") + r.set.description;
        if (name.empty()) name = r.set.description;
        char mean[48];
        std::snprintf(mean, sizeof mean, " (mean %.3f)", r.result.mean);
        s.label = name + mean;
        s.style = ChartSeries::Style::Steps;
        std::vector<double> counts(bins, 0.0);
        auto v = r.result.bitsPerDim.contiguous();
        for (int64_t i = 0; i < v.numel(); ++i) {
            const int b = std::clamp(static_cast<int>((v.data_ptr<double>()[i] - lo) / width), 0, bins - 1);
            counts[static_cast<size_t>(b)] += 1.0;
        }
        for (int b = 0; b <= bins; ++b) s.x.push_back(lo + b * width);
        for (double c : counts) s.y.push_back(c / (static_cast<double>(v.numel()) * width));
        panel.series.push_back(s);
    }
    return panel;
}

QJsonObject toJson(const Run& r, double seconds) {
    QJsonArray levels;
    for (size_t l = 0; l < r.result.levelPrior.size(); ++l)
        levels.append(QJsonObject{
            {"level", static_cast<qint64>(l)}, {"prior", r.result.levelPrior[l]}, {"logdet", r.result.levelLogdet[l]}});
    QJsonArray notes;
    for (const auto& n : r.set.notes) notes.append(QString::fromStdString(n));
    return QJsonObject{{"model", QString::fromStdString(r.model)},
                       {"data", QString::fromStdString(r.set.description)},
                       {"images", static_cast<qint64>(r.result.images)},
                       {"bits_per_dim", r.result.mean},
                       {"ci95", r.result.ci95},
                       {"levels", levels},
                       {"discretisation", r.result.discretisation},
                       {"dequantisation", "uniform"},
                       {"notes", notes},
                       {"seconds", seconds}};
}

}  // namespace

int eval(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"},
                       {"data"},
                       {"split"},
                       {"limit"},
                       {"batch"},
                       {"seed"},
                       {"csv"},
                       {"histogram"},
                       {"threads"},
                       {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const auto models = a.all("model");
    const auto datas = a.all("data");
    if (models.empty()) throw UsageError("glow eval needs --model (twice to compare two models)");
    if (datas.empty()) throw UsageError("glow eval needs --data (" + dataSpecSummary() + "; twice to compare two)");
    if (models.size() > 2 || datas.size() > 2)
        throw UsageError("glow eval compares at most two models and two data sets");
    const std::string split = a.text("split", "test");
    if (split != "train" && split != "test") throw UsageError("--split must be train or test, got '" + split + "'");
    const int64_t limit = a.integer("limit", 0, 0, 100'000'000);
    const int64_t batch = a.integer("batch", 64, 1, 4096);
    const auto seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    const std::string csv = a.text("csv", "");
    const std::string histogramPath = a.text("histogram", "");

    std::vector<Run> runs;
    for (const auto& m : models) {
        auto loaded = loadModelArgument(m, a);
        const auto& c = loaded.model->config();
        for (const auto& d : datas) {
            Run r;
            r.model = m;
            r.data = d;
            ImageDatasetOptions o;
            o.size = c.imageSize;
            o.channels = c.inChannels;
            o.split = split;
            o.limit = limit;
            r.set = loadImageDataset(d, o);
            for (const auto& p : r.set.problems) std::cerr << "skipped: " << p << "\n";
            for (const auto& n : r.set.notes) std::cerr << "data: " << n << "\n";
            const auto start = std::chrono::steady_clock::now();
            double shown = -1.0;
            r.result = evaluateGlow(*loaded.model, r.set.images, batch, seed, [&](int64_t done, int64_t total) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (s - shown < 0.5 && done < total) return;  // a few updates a second
                shown = s;
                std::cerr << "\r" << label(m) << " on " << r.set.description << ": " << done << "/" << total
                          << " images, ETA " << formatSeconds(s / done * (total - done)) << "   " << std::flush;
            });
            std::cerr << "\n";
            printJsonLine(toJson(r, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()));
            runs.push_back(std::move(r));
        }
    }
    if (!csv.empty()) {
        std::ostringstream out;
        out << "model,data,index,class,bits_per_dim\n";
        out.precision(9);
        for (const auto& r : runs) {
            const auto v = r.result.bitsPerDim.contiguous();
            for (int64_t i = 0; i < v.numel(); ++i) {
                std::string cls;
                if (r.set.classes.defined()) {
                    const auto k = static_cast<size_t>(r.set.classes[i].item<int64_t>());
                    cls = k < r.set.classNames.size() ? r.set.classNames[k] : std::to_string(k);
                }
                out << label(r.model) << "," << r.data << "," << i << "," << cls << "," << v.data_ptr<double>()[i]
                    << "\n";
            }
        }
        writeFileAtomically(csv, out.str());
        std::cerr << "per-image values: " << csv << "\n";
    }
    if (!histogramPath.empty()) {
        ensureOffscreenGui();
        saveChart({histogram(runs, models.size() > 1, datas.size() > 1)}, histogramPath, 900, 520);
        std::cerr << "histogram: " << histogramPath << "\n";
    }
    return 0;
}

}  // namespace flowscope::cli::glow

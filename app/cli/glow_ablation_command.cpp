// flowscope-cli glow ablation: Glow's Figure 3 rerun — six variants (reverse, shuffle, 1×1
// convolution × additive, affine) with one budget, data order and seeds; held-out bits/dim
// curves as CSV, a two-panel PNG and PDF, and a JSON summary.
#include "cli/glow_support.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "glow/glow_ablation.h"
#include "io/atomic_file.h"
#include "io/chart_image.h"
#include "io/image_dataset.h"
#include "util/compute_threads.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

namespace flowscope::cli::glow {

namespace {

/// Mean over seeds of every variant's test curve, by iteration.
std::vector<std::map<int64_t, std::vector<double>>> curves(const std::vector<GlowAblationPoint>& points,
                                                           size_t variants) {
    std::vector<std::map<int64_t, std::vector<double>>> out(variants);
    for (const auto& p : points) out[p.variant][p.iteration].push_back(p.testBitsPerDim);
    return out;
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? NAN : s / static_cast<double>(v.size());
}

double sd(const std::vector<double>& v) {
    if (v.size() < 2) return 0.0;
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
}

std::vector<ChartPanel> figure(const std::vector<GlowAblationPoint>& points, const std::string& data) {
    const auto variants = glowAblationVariants();
    const auto c = curves(points, variants.size());
    std::vector<ChartPanel> panels(2);
    for (int affine = 0; affine < 2; ++affine) {
        auto& panel = panels[static_cast<size_t>(affine)];
        panel.title = std::string(affine ? "Affine" : "Additive") + " coupling — " + data;
        panel.xLabel = "training iteration";
        panel.yLabel = "held-out bits/dim";
        for (size_t v = 0; v < variants.size(); ++v) {
            if (variants[v].affine != (affine == 1)) continue;
            ChartSeries s;
            s.label = kindName(kGlowPermutations, variants[v].permutation);
            if (variants[v].permutation == GlowPermutation::Conv1x1) s.label = "1×1 convolution";
            s.style = ChartSeries::Style::LineWithMarkers;
            for (const auto& [it, values] : c[v]) {
                s.x.push_back(static_cast<double>(it));
                s.y.push_back(mean(values));
            }
            panel.series.push_back(s);
        }
    }
    return panels;
}

}  // namespace

int ablation(const std::vector<std::string>& args) {
    Arguments a(args, {{"data"},
                       {"size"},
                       {"levels"},
                       {"steps"},
                       {"hidden"},
                       {"iters"},
                       {"seeds"},
                       {"batch"},
                       {"lr"},
                       {"n-bits"},
                       {"eval-every"},
                       {"eval-images"},
                       {"seed"},
                       {"threads"},
                       {"out"},
                       {"quick", false}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const bool quick = a.has("quick");
    const std::string dataSpec = a.text("data", "fashion-mnist");
    const std::string out = a.required("out");
    GlowAblationConfig config;
    auto& m = config.model;
    m.imageSize = a.integer("size", quick ? 16 : 32, 4, 512);
    m.levels = a.integer("levels", quick ? 2 : 3, 1, 8);
    m.steps = a.integer("steps", quick ? 4 : 8, 1, 64);
    m.hidden = a.integer("hidden", quick ? 32 : 128, 1, 4096);
    m.nBits = a.integer("n-bits", 8, 1, 8);
    m.lu = true;
    auto& t = config.training;
    t.iterations = a.integer("iters", quick ? 400 : 2000, 1, 100'000'000);
    t.batch = a.integer("batch", quick ? 16 : 32, 1, 4096);
    t.learningRate = a.real("lr", 5e-4, 1e-8, 1.0);
    t.warmup = std::min<int64_t>(100, t.iterations / 5);
    t.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    t.device = "auto";
    config.seeds = a.integer("seeds", quick ? 1 : 3, 1, 100);
    config.evalEvery = a.integer("eval-every", quick ? 100 : std::max<int64_t>(1, t.iterations / 10), 1, 100'000'000);
    const int64_t evalImages = a.integer("eval-images", quick ? 300 : 1000, 1, 10'000'000);

    ImageDatasetOptions o;
    o.size = m.imageSize;
    o.channels = nativeChannels(dataSpec);
    m.inChannels = o.channels;
    validate(m);
    std::vector<std::string> notes;
    auto train = openTrainingData(dataSpec, o, &notes);
    for (const auto& n : notes) std::cerr << "data: " << n << "\n";
    o.split = "test";
    o.limit = evalImages;
    const auto test = loadImageDataset(dataSpec, o);
    if (!QDir().mkpath(QString::fromStdString(out)))
        throw std::runtime_error("cannot create the output folder '" + out + "'");
    const QDir dir(QString::fromStdString(out));
    const auto variants = glowAblationVariants();
    std::cerr << "ablation: " << variants.size() << " variants × " << config.seeds << " seeds × " << t.iterations
              << " iterations on " << train->description() << ", held out: " << test.description << "\n";

    std::vector<GlowAblationPoint> points;
    std::ostringstream csv;
    csv << "variant,permutation,coupling,seed,iteration,train_bits_per_dim,test_bits_per_dim,seconds\n";
    const auto start = std::chrono::steady_clock::now();
    const double runs = static_cast<double>(variants.size() * static_cast<size_t>(config.seeds));
    runGlowAblation(config, train, test.images, [&](const GlowAblationPoint& p) {
        points.push_back(p);
        const auto& v = variants[p.variant];
        char line[256];
        std::snprintf(line, sizeof line, "\"%s\",%s,%s,%lld,%lld,%.6f,%.6f,%.2f\n", v.name.c_str(),
                      kindName(kGlowPermutations, v.permutation), v.affine ? "affine" : "additive",
                      static_cast<long long>(p.seed), static_cast<long long>(p.iteration), p.trainBitsPerDim,
                      p.testBitsPerDim, p.seconds);
        csv << line;
        writeFileAtomically(dir.filePath("ablation.csv").toStdString(), csv.str());  // every point kept
        const double done = (static_cast<double>(p.variant * static_cast<size_t>(config.seeds) + p.seed) +
                             static_cast<double>(p.iteration) / static_cast<double>(t.iterations)) /
                            runs;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::snprintf(line, sizeof line, "%s seed %lld  iteration %lld/%lld  held-out %.3f bits/dim  %3.0f%%  ETA %s\n",
                      v.name.c_str(), static_cast<long long>(p.seed), static_cast<long long>(p.iteration),
                      static_cast<long long>(t.iterations), p.testBitsPerDim, 100 * done,
                      formatSeconds(done > 0 ? elapsed / done * (1 - done) : 0).c_str());
        std::cerr << line << std::flush;
    });

    ensureOffscreenGui();
    const std::string label = test.description.substr(0, test.description.find(' '));
    const auto panels = figure(points, label);
    saveChart(panels, dir.filePath("ablation.png").toStdString());
    saveChart(panels, dir.filePath("ablation.pdf").toStdString());

    // Final held-out bits/dim per variant over seeds, and each coupling's ordering.
    QJsonArray results;
    std::map<bool, std::vector<std::pair<double, std::string>>> order;
    for (size_t v = 0; v < variants.size(); ++v) {
        std::vector<double> finals;
        for (const auto& p : points)
            if (p.variant == v && p.iteration == t.iterations) finals.push_back(p.testBitsPerDim);
        QJsonArray perSeed;
        for (double f : finals) perSeed.append(f);
        results.append(QJsonObject{{"variant", QString::fromStdString(variants[v].name)},
                                   {"permutation", kindName(kGlowPermutations, variants[v].permutation)},
                                   {"coupling", variants[v].affine ? "affine" : "additive"},
                                   {"test_bits_per_dim", mean(finals)},
                                   {"sd_over_seeds", sd(finals)},
                                   {"per_seed", perSeed}});
        order[variants[v].affine].push_back({mean(finals), kindName(kGlowPermutations, variants[v].permutation)});
    }
    QJsonObject ordering;
    for (auto& [affine, list] : order) {
        std::sort(list.begin(), list.end());
        QString s;
        for (const auto& [value, name] : list) s += (s.isEmpty() ? "" : " < ") + QString::fromStdString(name);
        ordering[affine ? "affine" : "additive"] = s;
    }
    const QJsonObject summary{
        {"data", QString::fromStdString(train->description())},
        {"held_out", QString::fromStdString(test.description)},
        {"architecture", QJsonObject{{"size", static_cast<qint64>(m.imageSize)},
                                     {"levels", static_cast<qint64>(m.levels)},
                                     {"steps", static_cast<qint64>(m.steps)},
                                     {"hidden", static_cast<qint64>(m.hidden)},
                                     {"n_bits", static_cast<qint64>(m.nBits)}}},
        {"iterations", static_cast<qint64>(t.iterations)},
        {"batch", static_cast<qint64>(t.batch)},
        {"lr", t.learningRate},
        {"seeds", static_cast<qint64>(config.seeds)},
        {"results", results},
        {"ordering", ordering},
        {"paper_ordering", "1x1 conv < shuffle < reverse (lower is better)"},
        {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()},
        {"out", QString::fromStdString(out)}};
    writeFileAtomically(dir.filePath("summary.json").toStdString(),
                        QJsonDocument(summary).toJson(QJsonDocument::Indented).toStdString());
    printJsonLine(summary);
    return 0;
}

}  // namespace flowscope::cli::glow

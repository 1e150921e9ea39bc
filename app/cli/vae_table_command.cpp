// flowscope-cli vae table: Rezende & Mohamed's Table 2 experiment rerun — −ln p(x) by
// importance sampling for K = 0, 2, 10, … amortised planar layers and a global flow, one
// budget, batch order and seed for every model. Each model is a resumable file in DIR, so a
// stopped run continues where it was and two runs with different --layers can share DIR.
#include "cli/vae_support.h"

#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "io/atomic_file.h"
#include "io/chart_image.h"
#include "util/compute_threads.h"
#include "vae/binarised_images.h"
#include "vae/vae_evaluation.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <iostream>
#include <sstream>

namespace flowscope::cli::vae {

namespace {

struct Variant {
    std::string name;  ///< K10, global10
    int64_t layers = 0;
    bool amortised = true;
};

/// The paper's Table 2 (MNIST, −ln p(x) in nats): DLGM with a diagonal Gaussian, then planar flows.
const std::vector<std::pair<int64_t, double>> kPaperMnist{{0, 89.9}, {10, 87.5}, {20, 86.5}, {40, 85.7}, {80, 85.1}};

QJsonObject evalJson(const VaeEvaluation& e) {
    return QJsonObject{{"elbo", e.elbo},
                       {"elbo_stderr", e.elboStderr},
                       {"nll_is", e.nllIs},
                       {"nll_is_stderr", e.nllIsStderr},
                       {"kl_term", e.klTerm},
                       {"log_likelihood", e.logLikelihood},
                       {"n", static_cast<qint64>(e.n)},
                       {"samples", static_cast<qint64>(e.samples)}};
}

}  // namespace

int table(const std::vector<std::string>& args) {
    auto specs = modelAndTrainingOptions();
    for (const char* name : {"out", "global-layers"}) specs.push_back({name});
    specs.push_back({"quick", false});
    Arguments a(args, specs);
    setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const bool quick = a.has("quick");
    const std::string dir = a.required("out");
    if (!QDir().mkpath(QString::fromStdString(dir))) throw std::runtime_error("cannot create the folder '" + dir + "'");
    const QDir out(QString::fromStdString(dir));
    auto path = [&](const std::string& file) { return out.filePath(QString::fromStdString(file)).toStdString(); };

    std::vector<Variant> variants;
    for (int64_t k : parseIntegerList(a.text("layers", "0,2,10,20,40,80"), "--layers", "flow lengths", 0, 1000, 32))
        variants.push_back({"K" + std::to_string(k), k, true});
    const int64_t globalK = a.integer("global-layers", 10, 0, 1000);
    if (globalK > 0) variants.push_back({"global" + std::to_string(globalK), globalK, false});

    // One architecture apart from the flow, one training budget, one seed for all.
    std::vector<std::string> base;
    auto keep = [&](const char* name, const std::string& quickValue) {
        if (a.has(name)) {
            base.push_back(std::string("--") + name);
            base.push_back(a.text(name, ""));
        } else if (quick) {
            base.push_back(std::string("--") + name);
            base.push_back(quickValue);
        }
    };
    keep("latent", "8");
    keep("hidden", "64");
    keep("activation", "relu");
    keep("seed", "0");
    keep("steps", "300");
    keep("batch", "100");
    keep("lr", "0.001");
    keep("anneal", "0");
    keep("device", "auto");
    Arguments common(base, specs);
    const VaeTrainConfig train = trainConfigFromArguments(common);
    const int64_t samples = a.integer("samples", quick ? 20 : 500, 1, 100'000);
    const int64_t limit = a.integer("limit", quick ? 200 : 0, 0, 100'000'000);
    const std::string dataSpec = a.text("data", "fashion-mnist");
    auto trainData = loadGreyImages(dataSpec, 28, "train", quick ? 2000 : 0);
    auto test = loadGreyImages(dataSpec, 28, "test", limit);
    const auto testBinary = fixedBinarisation(test.grey);

    QJsonArray rows;
    std::ostringstream csv;
    csv << "variant,flow,layers,amortised,steps,elbo,elbo_stderr,nll_is,nll_is_stderr,kl_term,n,samples\n";
    csv.precision(8);
    for (size_t v = 0; v < variants.size(); ++v) {
        const Variant& variant = variants[v];
        const std::string file = path(variant.name + ".fsm");
        const std::string label =
            variant.name + " (" + std::to_string(v + 1) + "/" + std::to_string(variants.size()) + ")";
        LoadedVaeModel m;
        const bool exists = QFileInfo::exists(QString::fromStdString(file));
        if (exists) m = loadVaeModel(file);
        const bool finished = exists && m.extras.metadata.value("finished").toBool() &&
                              m.extras.metadata.value("steps").toInteger() >= train.steps;
        if (!finished) {
            if (!exists) {
                std::vector<std::string> archArgs = base;
                archArgs.push_back("--layers");
                archArgs.push_back(std::to_string(variant.layers));
                if (!variant.amortised) archArgs.push_back("--global");
                m.model = VaeModel(configFromArguments(Arguments(archArgs, specs), 28));
            } else {
                std::cerr << variant.name << ": resuming " << file << " at step "
                          << m.extras.metadata.value("steps").toInteger() << "\n";
            }
            VaeTrainConfig t = train;
            t.checkpointEvery = std::max<int64_t>(500, train.steps / 20);
            trainAndSave(m.model, trainData, dataSpec, t, file,
                         exists && !m.extras.trainingState.empty() ? &m.extras : nullptr, false, label);
            m = loadVaeModel(file);
        }
        QJsonObject evaluation = m.extras.metadata.value("eval").toObject();
        if (evaluation.value("samples").toInteger() != samples ||
            evaluation.value("n").toInteger() != testBinary.size(0)) {
            std::cerr << variant.name << ": importance sampling, " << samples << " samples × " << testBinary.size(0)
                      << " test images\n";
            auto e = evaluateVae(*m.model, testBinary, samples, train.seed, 100, [&](int64_t done, int64_t total) {
                std::cerr << "\r  " << done << "/" << total << "   " << std::flush;
            });
            std::cerr << "\n";
            evaluation = evalJson(e);
            m.extras.metadata["eval"] = evaluation;
            saveVaeModel(file, *m.model, m.extras);
        }
        const auto& c = m.model->config();
        csv << variant.name << "," << kindName(kVaeFlows, c.flow) << "," << c.flowLayers() << ","
            << (c.amortised ? 1 : 0) << "," << m.extras.metadata.value("steps").toInteger() << ","
            << evaluation.value("elbo").toDouble() << "," << evaluation.value("elbo_stderr").toDouble() << ","
            << evaluation.value("nll_is").toDouble() << "," << evaluation.value("nll_is_stderr").toDouble() << ","
            << evaluation.value("kl_term").toDouble() << "," << evaluation.value("n").toInteger() << ","
            << evaluation.value("samples").toInteger() << "\n";
        QJsonObject row = evaluation;
        row["variant"] = QString::fromStdString(variant.name);
        row["layers"] = static_cast<qint64>(c.flowLayers());
        row["amortised"] = c.amortised;
        rows.append(row);
    }
    writeFileAtomically(path("table.csv"), csv.str());

    ChartPanel ours{"Binarised Fashion-MNIST (FlowScope)", "flow length K", "−ln p(x), nats", {}};
    ChartSeries amortised{"amortised planar", {}, {}, ChartSeries::Style::LineWithMarkers};
    ChartSeries global{"global planar", {}, {}, ChartSeries::Style::LineWithMarkers};
    for (const auto& r : rows) {
        const auto o = r.toObject();
        auto& s = o.value("amortised").toBool() ? amortised : global;
        s.x.push_back(static_cast<double>(o.value("layers").toInteger()));
        s.y.push_back(o.value("nll_is").toDouble());
    }
    ours.series.push_back(amortised);
    if (!global.x.empty()) ours.series.push_back(global);
    ChartPanel paper{"MNIST (Rezende & Mohamed 2015, Table 2)", "flow length K", "−ln p(x), nats", {}};
    ChartSeries paperSeries{"DLGM + planar NF", {}, {}, ChartSeries::Style::LineWithMarkers};
    for (const auto& [k, v] : kPaperMnist) {
        paperSeries.x.push_back(static_cast<double>(k));
        paperSeries.y.push_back(v);
    }
    paper.series.push_back(paperSeries);
    ensureOffscreenGui();
    saveChart({ours, paper}, path("table.png"), 560, 420);
    saveChart({ours, paper}, path("table.pdf"), 560, 420);

    QJsonObject summary{{"data", QString::fromStdString(test.set.description)},
                        {"steps", static_cast<qint64>(train.steps)},
                        {"batch", static_cast<qint64>(train.batch)},
                        {"samples", static_cast<qint64>(samples)},
                        {"rows", rows}};
    writeFileAtomically(path("summary.json"), QJsonDocument(summary).toJson().toStdString());

    std::cout << "| model | K | ELBO | −ln p(x) (IS, " << samples
              << " samples) | paper, MNIST |\n|---|---|---|---|---|\n";
    for (const auto& r : rows) {
        const auto o = r.toObject();
        const int64_t k = o.value("layers").toInteger();
        std::string paperValue = "";
        if (o.value("amortised").toBool())
            for (const auto& [pk, pv] : kPaperMnist)
                if (pk == k) paperValue = QString::number(pv, 'f', 1).toStdString();
        char line[256];
        std::snprintf(line, sizeof line, "| %s | %lld | %.2f ± %.2f | %.2f ± %.2f | %s |\n",
                      o.value("amortised").toBool() ? (k == 0 ? "mean field" : "amortised planar") : "global planar",
                      static_cast<long long>(k), o.value("elbo").toDouble(), o.value("elbo_stderr").toDouble(),
                      o.value("nll_is").toDouble(), o.value("nll_is_stderr").toDouble(), paperValue.c_str());
        std::cout << line;
    }
    std::cerr << "table: " << path("table.csv") << ", " << path("table.png") << ", " << path("table.pdf") << "\n";
    return 0;
}

}  // namespace flowscope::cli::vae

#include "cli/arguments.h"
#include "cli/commands.h"
#include "io/face_export.h"
#include "util/compute_threads.h"

#include <QJsonObject>
#include <torch/torch.h>

#include <chrono>
#include <limits>

namespace flowscope::cli {

const char* const kFacesHelp =
    R"(usage: flowscope-cli faces export --out DIR [--count N] [--size S] [--seed SEED] [--montage FILE]

Writes FlowScope's built-in synthetic faces (procedural, with known attributes) as a CelebA-style
folder, so a Glow model trains and is edited with smile and age sliders offline. Face i of a seed
is always the same picture.

  --out DIR       written: face_000001.png …, list_attr_faces.txt (CelebA layout: the count, the
                  label names, then "face_000001.png  1 -1 …") and attributes.csv (file, smile,
                  age, glasses, … as continuous values)
  --count N       number of faces (default 1000)
  --size S        width and height in pixels, 16…128 (default 64)
  --seed SEED     which faces (default 0)
  --montage FILE  also a PNG grid of the first 32 faces, 8 to a row
  --threads T     LibTorch intra-op threads

Labels (±1): Smiling = smile > 0.25 (smile uniform on [-1, 1]), Young = age < 0.45 (age uniform on
[0, 1]), Eyeglasses, Male, Black_Hair / Brown_Hair / Blond_Hair (colour class, not grey),
Gray_Hair = greyness > 0.5, Bald, Bangs (fringe), No_Beard = beard < 0.3, Mouth_Slightly_Open =
smile > 0.6.

Prints a JSON object: count, size, seed, out, seconds and the fraction of +1 for every label.
)";

int runFaces(const std::vector<std::string>& args) {
    if (args.empty() || args.front() != "export") throw UsageError("faces needs a sub-command: 'faces export'");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    Arguments a(rest, {{"out"}, {"count"}, {"size"}, {"seed"}, {"montage"}, {"threads"}});
    const std::string out = a.required("out");
    const int64_t count = a.integer("count", 1000, 1, 10'000'000);
    const int64_t size = a.integer("size", 64, 16, 128);
    const int64_t seed = a.integer("seed", 0, 0, std::numeric_limits<int64_t>::max());
    const std::string montage = a.text("montage", "");
    if (a.has("montage") && montage.empty()) throw UsageError("option '--montage' needs a non-empty value");
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));

    const auto t0 = std::chrono::steady_clock::now();
    const FaceExportSummary summary = exportFaces(out, count, size, static_cast<uint64_t>(seed), montage);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    QJsonObject positive;
    for (size_t i = 0; i < summary.labelNames.size(); ++i)
        positive.insert(QString::fromStdString(summary.labelNames[i]), summary.positiveFraction[i]);
    QJsonObject result{{"count", static_cast<qint64>(count)},
                       {"size", static_cast<qint64>(size)},
                       {"seed", static_cast<qint64>(seed)},
                       {"out", QString::fromStdString(out)},
                       {"seconds", seconds},
                       {"positive", positive}};
    if (!montage.empty()) result.insert("montage", QString::fromStdString(montage));
    printJsonLine(result);
    return 0;
}

}  // namespace flowscope::cli

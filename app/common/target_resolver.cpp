#include "common/target_resolver.h"

#include "io/point_csv.h"

#include <QFileInfo>

#include <stdexcept>

namespace flowscope {

std::vector<std::string> builtInTargetNames() {
    auto names = Energy::names();
    for (const auto& n : ToyDistribution::names()) names.push_back(n);
    return names;
}

ResolvedTarget resolveTarget(const std::string& name) {
    if (Energy::isEnergyName(name)) return {TrainingTarget::energy(Energy::fromName(name)), {}};
    if (ToyDistribution::isToyName(name)) return {TrainingTarget::points(std::make_shared<ToyDistribution>(name)), {}};
    const QFileInfo info(QString::fromStdString(name));
    if (info.exists() || info.suffix().compare("csv", Qt::CaseInsensitive) == 0) {
        auto csv = readPointCsv(name);
        auto set = std::make_shared<FinitePointSet>(csv.points, info.fileName().toStdString());
        std::vector<std::string> warnings = csv.problems;
        if (csv.skippedLines > static_cast<int64_t>(csv.problems.size()))
            warnings.push_back("… and " + std::to_string(csv.skippedLines - static_cast<int64_t>(csv.problems.size())) +
                               " more bad lines");
        return {TrainingTarget::points(set), warnings};
    }
    throw std::invalid_argument("unknown target '" + name +
                                "' (expected U1, U2, U3, U4, moons, circles, 8gaussians, checkerboard, pinwheel, "
                                "spirals, or a CSV file of x,y points)");
}

}  // namespace flowscope

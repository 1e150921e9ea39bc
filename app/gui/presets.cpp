#include "gui/presets.h"

#include <QCoreApplication>

namespace flowscope {

namespace {

std::vector<Preset> buildPresets() {
    std::vector<Preset> out;
    const QString fig3 = QCoreApplication::translate("Presets", "Rezende & Mohamed, Figure 3");
    for (const char* energy : {"U1", "U2", "U3", "U4"})
        for (const char* flow : {"planar", "radial"})
            for (int k : {2, 8, 32}) {
                Preset p;
                p.id = QString("fig3-%1-%2-%3").arg(QString(energy).toLower(), flow).arg(k);
                p.group = fig3;
                p.title = QString("%1 · %2 K = %3")
                              .arg(energy, QString(flow) == "planar" ? QCoreApplication::translate("Presets", "planar")
                                                                     : QCoreApplication::translate("Presets", "radial"))
                              .arg(k);
                p.settings.target = energy;
                p.settings.model.flow = *flowKindFromName(flow);
                p.settings.model.layers = k;
                p.settings.training.steps = 5000;
                out.push_back(p);
            }
    const QString data = QCoreApplication::translate("Presets", "Density estimation");
    Preset moons;
    moons.id = "realnvp-moons";
    moons.group = data;
    moons.title = QCoreApplication::translate("Presets", "RealNVP on two moons");
    moons.settings.target = "moons";
    moons.settings.model.flow = FlowKind::Affine;
    moons.settings.model.layers = 8;
    moons.settings.model.hidden = 64;
    moons.settings.training.steps = 3000;
    out.push_back(moons);
    Preset checker = moons;
    checker.id = "checkerboard";
    checker.title = QCoreApplication::translate("Presets", "RealNVP on a checkerboard");
    checker.settings.target = "checkerboard";
    checker.settings.model.layers = 16;
    checker.settings.training.steps = 6000;
    out.push_back(checker);
    Preset draw = moons;
    draw.id = "draw";
    draw.title = QCoreApplication::translate("Presets", "Draw your own");
    draw.settings.target = "drawn";
    draw.settings.training.steps = 2000;
    out.push_back(draw);
    return out;
}

}  // namespace

const std::vector<Preset>& allPresets() {
    static const std::vector<Preset> presets = buildPresets();
    return presets;
}

std::optional<Preset> findPreset(const QString& id) {
    for (const auto& p : allPresets())
        if (p.id == id) return p;
    return std::nullopt;
}

QString defaultPresetId() { return "fig3-u1-planar-32"; }

}  // namespace flowscope

#include "gui/presets.h"

#include <QCoreApplication>

#include <cmath>

namespace flowscope {

namespace {

constexpr double kGoldenAngle = 2.399963229728653;  // spreads successive directions evenly

std::vector<Preset> figureOnePresets() {
    std::vector<Preset> out;
    const QString fig1 = QCoreApplication::translate("Presets", "Rezende & Mohamed, Figure 1 (set by hand)");
    for (BaseKind base : {BaseKind::Standard, BaseKind::Uniform})
        for (FlowKind flow : {FlowKind::Planar, FlowKind::Radial})
            for (int k : {1, 2, 10}) {
                Preset p;
                const bool gaussian = base == BaseKind::Standard;
                p.id = QString("fig1-%1-%2-%3").arg(gaussian ? "gaussian" : "uniform", flowKindName(flow)).arg(k);
                p.group = fig1;
                p.title = QString("%1 · %2 K = %3")
                              .arg(gaussian ? QCoreApplication::translate("Presets", "Gaussian base")
                                            : QCoreApplication::translate("Presets", "uniform base"),
                                   flow == FlowKind::Planar ? QCoreApplication::translate("Presets", "planar")
                                                            : QCoreApplication::translate("Presets", "radial"))
                              .arg(k);
                p.settings.target = "U1";
                p.settings.model.flow = flow;
                p.settings.model.layers = k;
                p.settings.model.base = base;
                p.settings.training.steps = 2000;
                p.settings.handSetLayers = figureOneLayers(flow, k);
                p.handSet = true;
                out.push_back(p);
            }
    return out;
}

std::vector<Preset> buildPresets() {
    std::vector<Preset> out = figureOnePresets();
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

std::vector<LayerGeometry> figureOneLayers(FlowKind kind, int layers) {
    // One or two layers act strongly, so each is seen; a longer stack takes gentler ones, or its
    // expansions would carry the mass off the view (K = 10 keeps ≥ 98 % of it on [−4, 4]²).
    const bool gentle = layers > 2;
    std::vector<LayerGeometry> out;
    for (int i = 0; i < layers; ++i) {
        LayerGeometry g;
        const bool spreads = i % 2 == 0;
        if (kind == FlowKind::Planar) {
            // The first layer splits the density along the line through the origin; later ones,
            // turned by the golden angle, alternately split (wᵀû > 0) and fold (wᵀû < 0) it.
            const double theta = 0.35 + i * kGoldenAngle, phi = spreads ? 0.45 : -0.45;
            const double s = gentle ? 1.8 : 2.2;
            const double a = spreads ? (gentle ? 0.6 : 1.1) : (gentle ? -0.3 : -0.38);
            g.kind = LayerGeometry::Kind::Hyperplane;
            g.w = {s * std::cos(theta), s * std::sin(theta)};
            g.b = (gentle ? 0.3 : 0.6) * std::sin(2.1 * i);
            g.uHat = {a * std::cos(theta + phi), a * std::sin(theta + phi)};
        } else {
            // Centres around the origin; expanding layers (β > 0) open a hole, contracting ones
            // (−α < β < 0) gather mass into a peak.
            const double psi = 0.6 + i * kGoldenAngle, r = 0.55 + 0.3 * (i % 3);
            g.kind = LayerGeometry::Kind::Radial;
            g.z0 = {r * std::cos(psi), r * std::sin(psi)};
            g.alpha = spreads ? 0.5 : 0.8;
            g.beta = spreads ? (gentle ? 0.8 : 1.6) : -0.6;
        }
        out.push_back(g);
    }
    return out;
}

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

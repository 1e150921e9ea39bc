#pragma once
/// \file TeachingPanel: the formulas behind the step on screen.

#include <QString>
#include <QTextBrowser>

namespace flowscope::ui {

/// Explains the selected step for the class: the layer's map, its log-determinant and the
/// constraint that keeps it invertible, then the change-of-variables formula that turns the
/// previous density into the one on screen, computed exactly per pixel. Optional note on the
/// target energy (U2–U4 are only normalisable on a box).
class TeachingPanel : public QTextBrowser {
    Q_OBJECT
public:
    explicit TeachingPanel(QWidget* parent = nullptr);

    /// kind: planar | radial | affine | additive | actnorm | permute | base | base-uniform; index is the layer
    /// number k (1 … total; 0 for the base density).
    void showLayer(const QString& kind, int index, int total);
    /// Adds the note on U2–U4 below the layer text for those energies; removes it for others.
    void showEnergyNote(const QString& energy);

private:
    QString layerHtml(const QString& kind, int index, int total) const;
    void render();

    QString m_layerHtml;
    QString m_energy;
};

}  // namespace flowscope::ui

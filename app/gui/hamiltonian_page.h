#pragma once

#include "gui/hamiltonian_types.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTextBrowser;
class QTimer;

namespace flowscope::ui {
class DensityView;
class LogdetView;
}  // namespace flowscope::ui

namespace flowscope {

class HamiltonianWorker;
template <typename Worker>
class WorkerHost;

/// The "Hamiltonian flow" page (Rezende & Mohamed 2015, §3.2; the map behind HMC): the leapfrog
/// map on phase space (q, p) for a 1-D target with Gaussian momentum. The large view is the joint
/// density e^{−H} with the phase portrait (contours of H), the image of a coordinate grid under
/// one map, and orbits started by clicking; beside it the map's log|det J| measured by finite
/// differences (zero: volume is preserved), and the reversibility and energy errors.
class HamiltonianPage : public QWidget {
    Q_OBJECT
public:
    explicit HamiltonianPage(QWidget* parent = nullptr);
    ~HamiltonianPage() override;

    HamiltonianSettings settings() const;
    void applySettings(const HamiltonianSettings& settings);
    /// Starts an orbit at (q, p) (a click on the large view does the same).
    void addOrbit(double q, double p);
    void clearOrbits();
    const HamiltonianView& lastView() const { return m_view; }
    ui::DensityView* phaseView() const { return m_phase; }
    void shutdown();

signals:
    void viewShown();
    void statusChanged(const QString& text);

private:
    void buildUi();
    void recompute();
    void onView(const HamiltonianView& view);

    std::unique_ptr<WorkerHost<HamiltonianWorker>> m_host;
    QComboBox* m_target = nullptr;
    QDoubleSpinBox* m_stepSize = nullptr;
    QSpinBox* m_steps = nullptr;
    QCheckBox* m_showGrid = nullptr;
    QCheckBox* m_showLevels = nullptr;
    QCheckBox* m_showOrbits = nullptr;
    QLabel* m_readout = nullptr;
    ui::DensityView* m_phase = nullptr;
    ui::LogdetView* m_logdet = nullptr;
    QTextBrowser* m_teaching = nullptr;
    QTimer* m_recomputeTimer = nullptr;
    std::vector<double> m_starts;
    HamiltonianView m_view;
    int m_generation = 0;
};

}  // namespace flowscope

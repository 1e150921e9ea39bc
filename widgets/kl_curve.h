#pragma once
/// \file KlCurve: KL(p_t ‖ p) of an evolving density against time, on a log scale.

#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace flowscope::ui {

/// The Langevin page's convergence plot: one point per frame, a log-scaled KL axis (it falls
/// over orders of magnitude), time on x; the axes follow the data.
class KlCurve : public QWidget {
    Q_OBJECT
public:
    explicit KlCurve(QWidget* parent = nullptr);

    /// Appends (t, kl); non-finite or non-positive KL (a converged density) is drawn at the floor.
    void addPoint(double t, double kl);
    void clear();
    int pointCount() const;
    /// The newest KL shown (NaN when empty).
    double lastKl() const;
    bool exportImage(const QString& path, int width, int height);

private:
    void refit();

    QCustomPlot* m_plot;
    QCPGraph* m_graph;
};

}  // namespace flowscope::ui

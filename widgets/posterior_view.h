#pragma once
/// \file PosteriorView: the exact posterior of one image with its variational approximations.

#include "types/plane.h"
#include "widgets/color_map_plot.h"

#include <QString>

#include <vector>

namespace flowscope::ui {

class PolylineSet;

/// The exact posterior p(z|x) of a 2-D-latent VAE as a viridis heatmap (normalised by
/// quadrature), with the highest-density contours of the encoder's Gaussian q0(z|x) (dashed white) and
/// of q_K(z|x) after the flow (solid orange) over it, and a legend, so a class sees where the
/// Gaussian misses and the flow closes the gap.
class PosteriorView : public ColorMapPlot {
    Q_OBJECT
public:
    explicit PosteriorView(QWidget* parent = nullptr);

    void setPosterior(const ScalarGrid& logPosterior);
    void setQ0Contours(std::vector<Polyline> lines);
    void setQKContours(std::vector<Polyline> lines, const QString& name);
    void setTitle(const QString& title);
    QString title() const;
    /// Lines currently drawn (tests): q0's, q_K's.
    size_t q0LineCount() const;
    size_t qKLineCount() const;
    /// PNG or PDF by the suffix of path; false on failure.
    bool exportImage(const QString& path, int width, int height);

private:
    PolylineSet* m_q0;
    PolylineSet* m_qK;
};

}  // namespace flowscope::ui

#pragma once
/// \file ElboBars: the Flow-ELBO's terms and the gap it leaves, as bars.

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPAxisRect;

namespace flowscope::ui {

/// What the bars show, in nats, all for one image (by quadrature on the posterior grid).
struct ElboBarValues {
    double logPx = 0;                  ///< ln p(x)
    double elbo = 0;                   ///< of q_K
    double klQK = 0, klQ0 = 0;         ///< KL(q‖p(z|x)) of q_K and of the encoder's q0
    double klBestGaussian = 0;         ///< of the best diagonal Gaussian for this posterior
    double expectedLogLikelihood = 0;  ///< E_qK ln p(x|z)
    double expectedLogPrior = 0;       ///< E_qK ln p(z)
    double entropy = 0;                ///< H[q_K] = −E_qK ln q_K
    int layers = 0;                    ///< K
};

/// Two panels: on the left the gap ln p(x) − ELBO = KL(q‖p(z|x)) of q0 (the encoder's Gaussian
/// before the flow), of the best diagonal Gaussian (the mean field's limit) and of q_K; on the right the ELBO's three terms E ln p(x|z), E ln p(z)
/// and H[q_K] beside their sum and ln p(x). Each bar carries its value.
class ElboBars : public QWidget {
    Q_OBJECT
public:
    explicit ElboBars(QWidget* parent = nullptr);
    void setValues(const ElboBarValues& values);
    void clear();
    /// The values as drawn (tests): the gap panel's three bars, then the terms panel's five.
    std::vector<double> barValues() const;
    bool exportImage(const QString& path, int width, int height);
    QCustomPlot* plot() const { return m_plot; }

private:
    void labelBars(QCPBars* bars, QCPAxisRect* rect, const std::vector<double>& values);

    QCustomPlot* m_plot;
    QCPAxisRect* m_gapRect;
    QCPAxisRect* m_termsRect;
    QCPBars* m_gap;
    QCPBars* m_terms;
};

}  // namespace flowscope::ui

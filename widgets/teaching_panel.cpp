#include "widgets/teaching_panel.h"

#include <QStringList>

namespace flowscope::ui {
namespace {

QString paragraph(const QString& label, const QString& body) {
    return QStringLiteral("<p><b>%1</b><br/>%2</p>").arg(label, body);
}

}  // namespace

TeachingPanel::TeachingPanel(QWidget* parent) : QTextBrowser(parent) {
    setOpenExternalLinks(true);
    QFont panelFont = font();
    panelFont.setPointSizeF(12);
    document()->setDefaultFont(panelFont);
    showLayer(QStringLiteral("base"), 0, 0);
}

void TeachingPanel::showLayer(const QString& kind, int index, int total) {
    m_layerHtml = layerHtml(kind.trimmed().toLower(), index, total);
    render();
}

void TeachingPanel::showEnergyNote(const QString& energy) {
    m_energy = energy.trimmed().toUpper();
    render();
}

QString TeachingPanel::layerHtml(const QString& kind, int index, int total) const {
    const QString mapLabel = tr("Map");
    const QString logdetLabel = tr("Log-determinant");
    const QString constraintLabel = tr("Invertible because");
    const QString paperLabel = tr("Paper");

    QString heading;
    QString body;
    if (kind == QLatin1String("base-uniform")) {
        heading = tr("Step 0: the base density");
        body += paragraph(tr("Density"), tr("q₀ = U([−2, 2]²): log q₀(z) = −log 16 inside the square, −∞ (zero "
                                            "density) outside"));
        body += paragraph(tr("Why"), tr("Rezende and Mohamed's Figure 1 pushes a Gaussian and a uniform density "
                                        "through the same kinds of layers: the square's edges show where its "
                                        "points went, and inside it every change of density is the layers' "
                                        "log-determinant alone."));
    } else if (kind == QLatin1String("base")) {
        heading = tr("Step 0: the base density");
        body += paragraph(tr("Density"), tr("q₀ = N(0, I): log q₀(z) = −½‖z‖² − log 2π (d = 2)"));
        body += paragraph(tr("Why"), tr("Every later density is this Gaussian pushed through the layers; "
                                        "it is easy to sample and to evaluate."));
    } else {
        const QString position = total > 0 ? tr("Layer %1 of %2").arg(index).arg(total) : tr("Layer %1").arg(index);
        if (kind == QLatin1String("planar")) {
            heading = tr("%1: planar flow").arg(position);
            body += paragraph(mapLabel, tr("f(z) = z + û·tanh(wᵀz + b)"));
            body += paragraph(logdetLabel, tr("log|det J| = log|1 + ûᵀψ(z)|, ψ(z) = (1 − tanh²(wᵀz + b))·w"));
            body += paragraph(constraintLabel,
                              tr("wᵀû ≥ −1, enforced by û = u + (m(wᵀu) − wᵀu)·w/‖w‖², m(x) = −1 + softplus(x). "
                                 "The map only moves points along û, by an amount that depends on which side of "
                                 "the line wᵀz + b = 0 they lie."));
            body += paragraph(paperLabel, tr("Rezende and Mohamed 2015, arXiv:1505.05770"));
        } else if (kind == QLatin1String("radial")) {
            heading = tr("%1: radial flow").arg(position);
            body += paragraph(mapLabel, tr("f(z) = z + β·h(α, r)·(z − z₀), h(α, r) = 1/(α + r), r = ‖z − z₀‖"));
            body += paragraph(logdetLabel, tr("log|det J| = (d − 1)·log(1 + βh) + log(1 + βh + βh′(r)·r), d = 2"));
            body += paragraph(constraintLabel,
                              tr("α > 0 and β ≥ −α (α = softplus(α̃), β = −α + softplus(β̃)). "
                                 "β&nbsp;&lt;&nbsp;0 contracts points towards z₀, β&nbsp;>&nbsp;0 pushes them away."));
            body += paragraph(paperLabel, tr("Rezende and Mohamed 2015, arXiv:1505.05770"));
        } else if (kind == QLatin1String("affine")) {
            heading = tr("%1: affine coupling").arg(position);
            body += paragraph(mapLabel, tr("y<sub>a</sub> = z<sub>a</sub>, y<sub>b</sub> = z<sub>b</sub> ⊙ "
                                           "exp(s(z<sub>a</sub>)) + t(z<sub>a</sub>)"));
            body += paragraph(logdetLabel, tr("log|det J| = Σ s(z<sub>a</sub>) (the Jacobian is triangular)"));
            body += paragraph(constraintLabel,
                              tr("always: z<sub>b</sub> = (y<sub>b</sub> − t(y<sub>a</sub>)) ⊙ exp(−s(y<sub>a</sub>)); "
                                 "s and t can be any network, they are never inverted."));
            body += paragraph(paperLabel, tr("Dinh, Sohl-Dickstein and Bengio 2016 (Real NVP), arXiv:1605.08803"));
        } else if (kind == QLatin1String("additive")) {
            heading = tr("%1: additive coupling").arg(position);
            body += paragraph(mapLabel,
                              tr("y<sub>a</sub> = z<sub>a</sub>, y<sub>b</sub> = z<sub>b</sub> + t(z<sub>a</sub>)"));
            body += paragraph(logdetLabel, tr("log|det J| = 0: volume preserving (the density is moved, never "
                                              "stretched)"));
            body +=
                paragraph(constraintLabel, tr("always: z<sub>b</sub> = y<sub>b</sub> − t(y<sub>a</sub>); t can be any "
                                              "network."));
            body += paragraph(paperLabel, tr("Dinh, Krueger and Bengio 2014 (NICE), arXiv:1410.8516"));
        } else if (kind == QLatin1String("actnorm")) {
            heading = tr("%1: ActNorm").arg(position);
            body += paragraph(mapLabel, tr("y = s ⊙ z + b, one scale and one bias per dimension"));
            body += paragraph(logdetLabel, tr("log|det J| = Σ log|s| (the same at every point)"));
            body += paragraph(constraintLabel, tr("s ≠ 0; initialised from the first batch so that y has zero mean "
                                                  "and unit variance."));
            body += paragraph(paperLabel, tr("Kingma and Dhariwal 2018 (Glow), arXiv:1807.03039"));
        } else if (kind == QLatin1String("permute")) {
            heading = tr("%1: permutation").arg(position);
            body += paragraph(mapLabel, tr("y = P z (in 2D: swap z₁ and z₂), so the next coupling transforms the "
                                           "other coordinate"));
            body += paragraph(logdetLabel, tr("log|det J| = 0 (|det P| = 1)"));
            body += paragraph(constraintLabel, tr("always: P⁻¹ = Pᵀ."));
        } else {
            heading = tr("%1: %2").arg(position, kind.toHtmlEscaped());
        }
    }

    QString html = QStringLiteral("<h3>%1</h3>").arg(heading) + body;
    html += QStringLiteral("<hr/>");
    html += paragraph(tr("Change of variables (what the view shows)"),
                      tr("log qₖ(zₖ) = log qₖ₋₁(fₖ⁻¹(zₖ)) − log|det Jₖ(fₖ⁻¹(zₖ))|"));
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("The density shown is computed exactly by inverting every pixel back through the layers "
                        "and adding up the log-determinants; there are no histograms and no sampling."));
    return html;
}

void TeachingPanel::render() {
    QString html = m_layerHtml;
    if (m_energy == QLatin1String("U2") || m_energy == QLatin1String("U3") || m_energy == QLatin1String("U4")) {
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("U2–U4 have infinite mass along z₁ on R²; FlowScope defines them on the box [−4, 4]² "
                            "the paper draws (a soft wall outside), so their normalising constant is finite."));
    }
    setHtml(html);
}

}  // namespace flowscope::ui

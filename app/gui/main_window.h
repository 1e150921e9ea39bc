#pragma once

#include "widgets/presentation_style.h"

#include <QMainWindow>

class QAction;
class QTabWidget;

namespace flowscope {

class Flow2DPage;
class FacesPage;
class FacesTrainPage;
class AblationPage;
class VaeLabPage;
class LangevinPage;
class HamiltonianPage;

/// FlowScope's window: the pages ("2D flows", "Langevin flow", "Hamiltonian flow", "Images", "Train Glow", "Glow ablation", "Flow-ELBO lab"), the menus with a
/// shortcut for every transport action, presets, exports, and remembered geometry and settings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Flow2DPage* flow2dPage() const { return m_flow2d; }
    FacesPage* facesPage() const { return m_faces; }
    FacesTrainPage* trainPage() const { return m_train; }
    AblationPage* ablationPage() const { return m_ablation; }
    VaeLabPage* vaeLabPage() const { return m_vaeLab; }
    LangevinPage* langevinPage() const { return m_langevin; }
    HamiltonianPage* hamiltonianPage() const { return m_hamiltonian; }
    /// Shows a page by id ("2d", "langevin", "hamiltonian", "faces", "train", "ablation", "vae"); false for an unknown id.
    bool showPage(const QString& id);

    /// Opens a demo file (.flowscope): its page, settings and flow. False, with the reason in
    /// `error` (and on screen unless `quiet`), for a file that cannot be used.
    bool openDemo(const QString& path, QString* error = nullptr, bool quiet = false);
    /// Saves the page on screen, its settings and the 2D flow's parameters as a demo file;
    /// demoSaved reports the end (the flow's parameters come from its worker).
    void saveDemo(const QString& path);

    /// Presentation mode's text-and-line scale and high contrast (remembered).
    void setPresentationStyle(const ui::PresentationStyle& style);
    const ui::PresentationStyle& presentationStyle() const { return m_style; }

signals:
    void demoSaved(const QString& path, bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void buildMenus();
    bool onLangevinPage() const;
    void exportWithDialog(const QString& title, const QString& filters,
                          const std::function<bool(const QString&)>& write);

    QTabWidget* m_pages = nullptr;
    Flow2DPage* m_flow2d = nullptr;
    FacesPage* m_faces = nullptr;
    FacesTrainPage* m_train = nullptr;
    AblationPage* m_ablation = nullptr;
    VaeLabPage* m_vaeLab = nullptr;
    LangevinPage* m_langevin = nullptr;
    HamiltonianPage* m_hamiltonian = nullptr;
    QAction* m_fullScreen = nullptr;
    QAction* m_highContrast = nullptr;
    ui::PresentationStyle m_style;
};

}  // namespace flowscope

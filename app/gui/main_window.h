#pragma once

#include <QMainWindow>

class QTabWidget;

namespace flowscope {

class Flow2DPage;
class FacesPage;
class FacesTrainPage;
class AblationPage;
class VaeLabPage;

/// FlowScope's window: the pages ("2D flows", "Images", "Train Glow", "Glow ablation", "Flow-ELBO lab"), the menus with a
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
    /// Shows a page by id ("2d", "faces", "train", "ablation", "vae"); false for an unknown id.
    bool showPage(const QString& id);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void exportWithDialog(const QString& title, const QString& filters,
                          const std::function<bool(const QString&)>& write);

    QTabWidget* m_pages = nullptr;
    Flow2DPage* m_flow2d = nullptr;
    FacesPage* m_faces = nullptr;
    FacesTrainPage* m_train = nullptr;
    AblationPage* m_ablation = nullptr;
    VaeLabPage* m_vaeLab = nullptr;
};

}  // namespace flowscope

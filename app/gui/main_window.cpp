#include "gui/main_window.h"

#include "gui/ablation_page.h"
#include "gui/demo_file.h"
#include "gui/animation_export_dialog.h"
#include "gui/faces_page.h"
#include "gui/faces_train_page.h"
#include "gui/flow2d_page.h"
#include "gui/hamiltonian_page.h"
#include "gui/langevin_page.h"
#include "gui/vae_lab_page.h"
#include "gui/presets.h"
#include "gui/ui_language.h"
#include "widgets/presentation_style.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

#include <functional>
#include <map>

namespace flowscope {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("FlowScope"));
    ui::restoreApplicationLook();  // widgets below take their base look from the unstyled one
    m_pages = new QTabWidget;
    m_flow2d = new Flow2DPage;
    m_pages->addTab(m_flow2d, tr("2D flows"));
    m_langevin = new LangevinPage;
    m_pages->addTab(m_langevin, tr("Langevin flow"));
    m_hamiltonian = new HamiltonianPage;
    m_pages->addTab(m_hamiltonian, tr("Hamiltonian flow"));
    m_faces = new FacesPage;
    m_pages->addTab(m_faces, tr("Images"));
    m_train = new FacesTrainPage;
    m_pages->addTab(m_train, tr("Train Glow"));
    m_ablation = new AblationPage;
    m_pages->addTab(m_ablation, tr("Glow ablation"));
    m_vaeLab = new VaeLabPage;
    m_pages->addTab(m_vaeLab, tr("Flow-ELBO lab"));
    setCentralWidget(m_pages);
    buildMenus();
    connect(m_pages, &QTabWidget::currentChanged, this, [this] {
        const QWidget* page = m_pages->currentWidget();
        statusBar()->showMessage(page == m_flow2d     ? m_flow2d->statusText()
                                 : page == m_faces    ? m_faces->statusText()
                                 : page == m_train    ? m_train->statusText()
                                 : page == m_vaeLab   ? m_vaeLab->statusText()
                                 : page == m_langevin ? m_langevin->statusText()
                                                      : QString());
    });
    connect(m_flow2d, &Flow2DPage::statusChanged, this, [this](const QString& text) {
        if (m_pages->currentWidget() == m_flow2d) statusBar()->showMessage(text);
    });
    connect(m_faces, &FacesPage::statusChanged, this, [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_langevin, &LangevinPage::statusChanged, this, [this](const QString& text) {
        if (onLangevinPage()) statusBar()->showMessage(text);
    });
    connect(m_hamiltonian, &HamiltonianPage::statusChanged, this, [this](const QString& text) {
        if (m_pages->currentWidget() == m_hamiltonian) statusBar()->showMessage(text);
    });
    connect(m_vaeLab, &VaeLabPage::statusChanged, this, [this](const QString& text) {
        if (m_pages->currentWidget() == m_vaeLab) statusBar()->showMessage(text);
    });
    connect(m_train, &FacesTrainPage::modelReady, this, [this](const QString& path) {
        m_faces->openModel(path);
        m_pages->setCurrentWidget(m_faces);
    });
    QSettings s;
    if (!restoreGeometry(s.value("window/geometry").toByteArray())) resize(1500, 950);
    restoreState(s.value("window/state").toByteArray());
    m_flow2d->restoreState();
    m_faces->restoreState();
    const ui::PresentationStyle remembered{s.value("view/scale", 1.0).toDouble(),
                                           s.value("view/highContrast", false).toBool()};
    if (!(remembered == ui::PresentationStyle{})) {
        m_style = remembered;
        ui::applyPresentationStyle(this, m_style);
        m_highContrast->setChecked(m_style.highContrast);
    }
}

MainWindow::~MainWindow() = default;

bool MainWindow::showPage(const QString& id) {
    if (id == "2d")
        m_pages->setCurrentWidget(m_flow2d);
    else if (id == "langevin")
        m_pages->setCurrentWidget(m_langevin);
    else if (id == "hamiltonian")
        m_pages->setCurrentWidget(m_hamiltonian);
    else if (id == "faces")
        m_pages->setCurrentWidget(m_faces);
    else if (id == "train")
        m_pages->setCurrentWidget(m_train);
    else if (id == "ablation")
        m_pages->setCurrentWidget(m_ablation);
    else if (id == "vae")
        m_pages->setCurrentWidget(m_vaeLab);
    else
        return false;
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    m_flow2d->saveState();
    m_faces->saveState();
    // Stop training and join the workers before the widgets go away.
    m_flow2d->shutdown();
    m_faces->shutdown();
    m_train->shutdown();
    m_ablation->shutdown();
    m_vaeLab->shutdown();
    m_langevin->shutdown();
    m_hamiltonian->shutdown();
    event->accept();
}

bool MainWindow::openDemo(const QString& path, QString* error, bool quiet) {
    try {
        const DemoFile demo = readDemoFile(path);
        // Every part is checked before any page changes: a bad 2D part leaves the Langevin page alone too.
        std::function<void()> applyLangevin, applyFlow2d;
        if (!demo.langevin.isEmpty()) applyLangevin = m_langevin->prepareDemoState(demo.langevin);
        if (!demo.flow2d.isEmpty() || !demo.model.isEmpty())
            applyFlow2d = m_flow2d->prepareDemoState(demo.flow2d, demo.model);
        if (applyLangevin) applyLangevin();
        if (applyFlow2d) applyFlow2d();
        showPage(demo.page);
        statusBar()->showMessage(tr("Opened the demo %1").arg(QFileInfo(path).fileName()), 5000);
        return true;
    } catch (const std::exception& e) {
        const QString message = QString::fromUtf8(e.what());
        const QString text = message.contains(path) ? message : tr("%1: %2").arg(path, message);
        if (error) *error = text;
        statusBar()->showMessage(text);
        if (!quiet) QMessageBox::warning(this, tr("Open demo"), text);
        return false;
    }
}

void MainWindow::saveDemo(const QString& path) {
    const QString page = onLangevinPage() ? QString("langevin") : QString("2d");
    const QJsonObject langevin = m_langevin->demoState();
    m_flow2d->snapshotForDemo([this, path, page, langevin](const QJsonObject& state, const QByteArray& model) {
        DemoFile demo;
        demo.page = page;
        demo.flow2d = state;
        demo.model = model;
        demo.langevin = langevin;
        try {
            writeDemoFile(path, demo);
            statusBar()->showMessage(tr("Saved the demo %1").arg(path), 5000);
            emit demoSaved(path, true);
        } catch (const std::exception& e) {
            statusBar()->showMessage(QString::fromUtf8(e.what()));
            emit demoSaved(path, false);
        }
    });
}

void MainWindow::setPresentationStyle(const ui::PresentationStyle& style) {
    m_style = style;
    ui::applyPresentationStyle(this, style);
    m_highContrast->setChecked(style.highContrast);
    QSettings s;
    s.setValue("view/scale", style.scale);
    s.setValue("view/highContrast", style.highContrast);
    statusBar()->showMessage(tr("Text and lines at %1 %").arg(qRound(100 * style.scale)), 3000);
}

void MainWindow::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && isFullScreen()) {
        showNormal();
        m_fullScreen->setChecked(false);
        return;
    }
    QMainWindow::keyPressEvent(event);
}

bool MainWindow::onLangevinPage() const { return m_pages->currentWidget() == m_langevin; }

void MainWindow::exportWithDialog(const QString& title, const QString& filters,
                                  const std::function<bool(const QString&)>& write) {
    QSettings s;
    const QString dir = s.value("window/exportDir").toString();
    const QString path = QFileDialog::getSaveFileName(this, title, dir, filters);
    if (path.isEmpty()) return;
    s.setValue("window/exportDir", QFileInfo(path).absolutePath());
    if (!write(path)) QMessageBox::warning(this, title, tr("Could not write %1.").arg(path));
}

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open demo…"), QKeySequence::Open, this, [this] {
        QSettings s;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open demo"), s.value("window/demoDir").toString(),
                                                          tr("FlowScope demos (*.flowscope)"));
        if (path.isEmpty()) return;
        s.setValue("window/demoDir", QFileInfo(path).absolutePath());
        openDemo(path);
    });
    file->addAction(tr("Save demo…"), QKeySequence(tr("Ctrl+Shift+S")), this, [this] {
        QSettings s;
        QString path = QFileDialog::getSaveFileName(this, tr("Save demo"), s.value("window/demoDir").toString(),
                                                    tr("FlowScope demos (*.flowscope)"));
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += ".flowscope";
        s.setValue("window/demoDir", QFileInfo(path).absolutePath());
        saveDemo(path);
    });
    file->addSeparator();
    file->addAction(tr("Save model…"), QKeySequence::Save, this, [this] {
        QSettings s;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save model"), s.value("window/exportDir").toString(), tr("FlowScope models (*.fsm)"));
        if (!path.isEmpty()) m_flow2d->saveModel(path);
    });
    file->addAction(tr("Export view…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        exportWithDialog(tr("Export view"), tr("PNG image (*.png);;PDF document (*.pdf)"),
                         [this](const QString& p) { return m_flow2d->exportView(p); });
    });
    file->addAction(tr("Export step strip…"), this, [this] {
        exportWithDialog(tr("Export step strip"), tr("PNG image (*.png);;PDF document (*.pdf)"),
                         [this](const QString& p) { return m_flow2d->exportStrip(p); });
    });
    file->addAction(tr("Export animation…"), QKeySequence(tr("Ctrl+Shift+E")), this, [this] {
        if (onLangevinPage()) {
            // The Langevin flow from t = 0 to the time on screen.
            if (m_langevin->isExportingAnimation()) return;
            QSettings s;
            QString path = QFileDialog::getSaveFileName(
                this, tr("Export animation"), s.value("window/exportDir").toString(), tr("Animated GIF (*.gif)"));
            if (path.isEmpty()) return;
            if (QFileInfo(path).suffix().isEmpty()) path += ".gif";
            s.setValue("window/exportDir", QFileInfo(path).absolutePath());
            m_langevin->exportAnimation(path);
            return;
        }
        if (m_flow2d->isExportingAnimation()) return;
        m_pages->setCurrentWidget(m_flow2d);
        AnimationExportDialog options(m_flow2d->lastView().layers, m_flow2d->showsParticles(),
                                      m_flow2d->showsGridLines(), this);
        if (options.exec() != QDialog::Accepted) return;
        QSettings s;
        QString path = QFileDialog::getSaveFileName(this, tr("Export animation"),
                                                    s.value("window/exportDir").toString(), tr("Animated GIF (*.gif)"));
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += ".gif";
        s.setValue("window/exportDir", QFileInfo(path).absolutePath());
        m_flow2d->exportAnimation(options.request(path));
    });
    file->addAction(tr("Export loss curve…"), this, [this] {
        exportWithDialog(tr("Export loss curve"), tr("CSV file (*.csv)"),
                         [this](const QString& p) { return m_flow2d->exportLossCsv(p); });
    });
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

    // Manual mode's edits of the 2D page's layers (a drag or a typed value is one step).
    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* undo = edit->addAction(tr("Undo layer change"), QKeySequence::Undo, this, [this] { m_flow2d->undo(); });
    auto* redo = edit->addAction(tr("Redo layer change"), QKeySequence::Redo, this, [this] { m_flow2d->redo(); });
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_flow2d->undoStack(), &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(m_flow2d->undoStack(), &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    edit->addSeparator();
    auto* manual = edit->addAction(tr("Edit layers by hand"), QKeySequence(Qt::CTRL | Qt::Key_M), this,
                                   [this](bool on) { m_flow2d->setManualMode(on); });
    manual->setCheckable(true);
    connect(m_flow2d, &Flow2DPage::manualModeChanged, manual, &QAction::setChecked);

    auto* presets = menuBar()->addMenu(tr("&Presets"));
    std::map<QString, QMenu*> groups;
    for (const auto& p : allPresets()) {
        QMenu*& group = groups[p.group];
        if (!group) group = presets->addMenu(p.group);
        const QString id = p.id;
        group->addAction(p.title, this, [this, id] { m_flow2d->applyPreset(id); });
    }

    // The transport keys act on the page on screen: the Langevin page's flow, else the 2D page.
    auto* training = menuBar()->addMenu(tr("&Training"));
    training->addAction(tr("Train"), QKeySequence(Qt::CTRL | Qt::Key_Return), this, [this] {
        if (onLangevinPage())
            m_langevin->togglePlay();
        else
            m_flow2d->train();
    });
    training->addAction(tr("Pause / resume"), QKeySequence(Qt::Key_Space), this, [this] {
        if (onLangevinPage())
            m_langevin->togglePlay();
        else if (m_flow2d->lastProgress().running)
            m_flow2d->pause();
        else
            m_flow2d->resume();
    });
    training->addAction(tr("Step"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, [this] {
        if (onLangevinPage())
            m_langevin->stepOnce();
        else
            m_flow2d->step();
    });
    training->addAction(tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] {
        if (onLangevinPage())
            m_langevin->reset();
        else
            m_flow2d->reset();
    });
    training->addSeparator();
    training->addAction(tr("Play / stop the animation"), QKeySequence(Qt::Key_P), this, [this] {
        if (onLangevinPage())
            m_langevin->togglePlay();
        else
            m_flow2d->togglePlay();
    });
    training->addAction(tr("Previous step"), QKeySequence(Qt::Key_Left), this, [this] { m_flow2d->previousStep(); });
    training->addAction(tr("Next step"), QKeySequence(Qt::Key_Right), this, [this] { m_flow2d->nextStep(); });

    auto* view = menuBar()->addMenu(tr("&View"));
    // Presentation mode: full screen, larger text and lines, a high-contrast look.
    m_fullScreen = view->addAction(tr("Full screen"), QKeySequence(Qt::Key_F11), this, [this] {
        if (isFullScreen())
            showNormal();
        else
            showFullScreen();
        m_fullScreen->setChecked(isFullScreen());
    });
    m_fullScreen->setCheckable(true);
    auto* larger = view->addAction(tr("Larger text and lines"), this, [this] {
        setPresentationStyle({ui::largerPresentationScale(m_style.scale), m_style.highContrast});
    });
    larger->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    auto* smaller = view->addAction(tr("Smaller text and lines"), this, [this] {
        setPresentationStyle({ui::smallerPresentationScale(m_style.scale), m_style.highContrast});
    });
    smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    view->addAction(tr("Normal size"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] {
        setPresentationStyle({1.0, m_style.highContrast});
    });
    m_highContrast =
        view->addAction(tr("High contrast"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this, [this](bool on) {
            setPresentationStyle({m_style.scale, on});
        });
    m_highContrast->setCheckable(true);
    view->addSeparator();
    auto* language = view->addMenu(tr("Language"));
    auto* languages = new QActionGroup(language);
    const QString remembered = rememberedUiLanguage();
    auto addLanguage = [&](const QString& id, const QString& label) {
        QAction* a = language->addAction(label);
        a->setCheckable(true);
        a->setChecked(id == remembered);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] {
            rememberUiLanguage(id);
            QMessageBox::information(this, tr("Language"),
                                     tr("The interface language changes when FlowScope starts again."));
        });
    };
    addLanguage(QString(), tr("Follow the system"));
    for (const QString& id : availableUiLanguages())
        addLanguage(id, id == "en" ? QString("English") : QLocale(id).nativeLanguageName());

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About FlowScope"), this, [this] {
        QMessageBox::about(this, tr("About FlowScope"),
                           tr("<b>FlowScope</b> %1<br>An explorer for normalizing flows. Every density shown is "
                              "computed exactly by the change of variables.")
                               .arg(QApplication::applicationVersion()));
    });
}

}  // namespace flowscope

#include "gui/main_window.h"

#include "gui/ablation_page.h"
#include "gui/faces_page.h"
#include "gui/faces_train_page.h"
#include "gui/flow2d_page.h"
#include "gui/vae_lab_page.h"
#include "gui/presets.h"
#include "gui/ui_language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QKeySequence>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include <functional>
#include <map>

namespace flowscope {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("FlowScope"));
    m_pages = new QTabWidget;
    m_flow2d = new Flow2DPage;
    m_pages->addTab(m_flow2d, tr("2D flows"));
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
        statusBar()->showMessage(page == m_flow2d   ? m_flow2d->statusText()
                                 : page == m_faces  ? m_faces->statusText()
                                 : page == m_train  ? m_train->statusText()
                                 : page == m_vaeLab ? m_vaeLab->statusText()
                                                    : QString());
    });
    connect(m_flow2d, &Flow2DPage::statusChanged, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_faces, &FacesPage::statusChanged, this, [this](const QString& text) { statusBar()->showMessage(text); });
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
}

MainWindow::~MainWindow() = default;

bool MainWindow::showPage(const QString& id) {
    if (id == "2d")
        m_pages->setCurrentWidget(m_flow2d);
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
    event->accept();
}

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
    file->addAction(tr("Export loss curve…"), this, [this] {
        exportWithDialog(tr("Export loss curve"), tr("CSV file (*.csv)"),
                         [this](const QString& p) { return m_flow2d->exportLossCsv(p); });
    });
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto* presets = menuBar()->addMenu(tr("&Presets"));
    std::map<QString, QMenu*> groups;
    for (const auto& p : allPresets()) {
        QMenu*& group = groups[p.group];
        if (!group) group = presets->addMenu(p.group);
        const QString id = p.id;
        group->addAction(p.title, this, [this, id] { m_flow2d->applyPreset(id); });
    }

    auto* training = menuBar()->addMenu(tr("&Training"));
    training->addAction(tr("Train"), QKeySequence(Qt::CTRL | Qt::Key_Return), this, [this] { m_flow2d->train(); });
    training->addAction(tr("Pause / resume"), QKeySequence(Qt::Key_Space), this, [this] {
        if (m_flow2d->lastProgress().running)
            m_flow2d->pause();
        else
            m_flow2d->resume();
    });
    training->addAction(tr("Step"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, [this] { m_flow2d->step(); });
    training->addAction(tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] { m_flow2d->reset(); });
    training->addSeparator();
    training->addAction(tr("Play / stop the animation"), QKeySequence(Qt::Key_P), this,
                        [this] { m_flow2d->togglePlay(); });
    training->addAction(tr("Previous step"), QKeySequence(Qt::Key_Left), this, [this] { m_flow2d->previousStep(); });
    training->addAction(tr("Next step"), QKeySequence(Qt::Key_Right), this, [this] { m_flow2d->nextStep(); });

    auto* view = menuBar()->addMenu(tr("&View"));
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

// The "Train faces" page through its worker thread, as a user drives it: start, pause (training
// holds), resume, a checkpoint on schedule, the end of the run with attribute vectors in the saved
// model, Stop mid-run saving what was trained, and a clear message for a run that cannot start.
// The torchrun command it shows for a cluster runs: its flowscope-cli part, executed here as a
// one-process job, trains the configured architecture; copying puts it on the clipboard; a
// checkpoint opens while the page is idle.

#include "common/test_support.h"
#include "gui/faces_train_page.h"
#include "io/glow_model_file.h"

#include <QApplication>
#include <QClipboard>
#include <QProcess>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowscope;

class TestFacesTrainPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    GlowTrainSettings tiny(const QString& output, int iterations) const {
        GlowTrainSettings s;
        s.data = "faces";
        s.model.imageSize = 16;
        s.model.inChannels = 3;
        s.model.levels = 2;
        s.model.steps = 1;
        s.model.hidden = 8;
        s.training.batch = 4;
        s.training.iterations = iterations;
        s.training.checkpointEvery = 10;
        s.output = output;
        s.attributesAtEnd = true;
        return s;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startPauseResumeCheckpointAndFinish() {
        FacesTrainPage page;
        page.show();
        const QString out = m_dir.filePath("run/model.fsm");
        page.applySettings(tiny(out, 30));
        QCOMPARE(page.settings().training.iterations, int64_t(30));
        QSignalSpy ready(&page, &FacesTrainPage::modelReady);
        page.start();
        QTRY_VERIFY_WITH_TIMEOUT(page.lastProgress().running && page.lastProgress().step >= 12, 60000);
        // The step-10 checkpoint is a loadable model with its training state.
        QVERIFY(QFile::exists(out));
        {
            auto checkpoint = loadGlowModel(out.toStdString());
            QVERIFY(checkpoint.extras.metadata.value("steps").toInt() >= 10);
            QVERIFY(checkpoint.extras.trainingState.count("step"));
        }
        page.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!page.lastProgress().running && page.lastProgress().phase == "paused", 10000);
        const qint64 held = page.lastProgress().step;
        QTest::qWait(500);
        QCOMPARE(page.lastProgress().step, held);  // paused means no steps
        QCOMPARE(ready.count(), 0);
        page.resume();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 120000);
        QTest::qWait(300);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(ready.first().first().toString(), out);
        QCOMPARE(page.lastProgress().phase, QString("done"));
        auto model = loadGlowModel(out.toStdString());
        QCOMPARE(model.extras.metadata.value("steps").toInt(), 30);
        QCOMPARE(model.extras.trainingState.at("step").item<int64_t>(), int64_t(30));
        // Attribute vectors from the built-in faces' known labels, one per label, both classes seen.
        QVERIFY(!model.extras.attributes.empty());
        bool smiling = false;
        for (const auto& a : model.extras.attributes) {
            smiling = smiling || a.name == "Smiling";
            QVERIFY(a.positives > 0 && a.negatives > 0);
            QCOMPARE(int64_t(a.levels.size()), int64_t(2));
        }
        QVERIFY(smiling);
    }

    void stopSavesWhatWasTrained() {
        FacesTrainPage page;
        const QString out = m_dir.filePath("stopped.fsm");
        auto s = tiny(out, 100000);
        s.attributesAtEnd = false;
        page.applySettings(s);
        QSignalSpy ready(&page, &FacesTrainPage::modelReady);
        page.start();
        QTRY_VERIFY_WITH_TIMEOUT(page.lastProgress().running && page.lastProgress().step >= 3, 60000);
        page.stop();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 60000);
        QTest::qWait(500);
        QCOMPARE(ready.count(), 1);  // saved and reported once, however the stop reached the loop
        auto model = loadGlowModel(out.toStdString());
        const int steps = model.extras.metadata.value("steps").toInt();
        QVERIFY2(steps >= 3 && steps < 100000, qPrintable(QString::number(steps)));
        QVERIFY(model.extras.attributes.empty());
    }

    void aRunThatCannotStartSaysWhy() {
        FacesTrainPage page;
        auto s = tiny(m_dir.filePath("grey.fsm"), 10);
        s.model.inChannels = 1;  // the built-in faces are RGB
        page.applySettings(s);
        QSignalSpy ready(&page, &FacesTrainPage::modelReady);
        page.start();
        QTRY_VERIFY_WITH_TIMEOUT(page.statusText().contains("RGB"), 10000);
        QCOMPARE(ready.count(), 0);
        // Without an output file the page asks for one instead of training into nowhere.
        s.model.inChannels = 3;
        s.output.clear();
        page.applySettings(s);
        page.start();
        QVERIFY2(page.statusText().contains("save"), qPrintable(page.statusText()));
    }

    void theClusterCommandRunsTheConfiguredTraining() {
        FacesTrainPage page;
        const QString out = m_dir.filePath("cluster dir/it's.fsm");  // a space and a quote to quote
        QDir().mkpath(QFileInfo(out).absolutePath());
        auto s = tiny(out, 2);
        s.model.affine = false;
        s.model.hidden = 12;
        page.applySettings(s);
        const QString command = page.clusterCommand();
        // The words a POSIX shell makes of it (as the user's terminal will).
        QProcess shell;
        shell.start("/bin/sh", {"-c", "for a in " + command + "; do printf '%s\\n' \"$a\"; done"});
        QVERIFY(shell.waitForFinished(10000));
        const QStringList words = QString::fromUtf8(shell.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QVERIFY2(words.size() > 10 && words[0] == "torchrun", qPrintable(command));
        QVERIFY(command.contains("--nproc_per_node 8") && command.contains("--redirects 1 --tee 1 --no_python"));
        QVERIFY(!command.contains("--nnodes"));
        const int cli = words.indexOf("--no_python") + 1;
        QVERIFY(QFileInfo(words[cli]).fileName() == "flowscope-cli");
        QCOMPARE(words.mid(cli + 1, 2), (QStringList{"glow", "train"}));
        QCOMPARE(words.last(), out);  // quoted so the shell gives the path back whole

        // Its flowscope-cli part trains what the page is set to (one process; torchrun is the
        // distributed test's business).
        QProcess p;
        p.start(test::binaryDir() + "/flowscope-cli", words.mid(cli + 1));
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto trained = loadGlowModel(out.toStdString());
        const auto& c = trained.model->config();
        QCOMPARE(c.imageSize, int64_t(16));
        QCOMPARE(c.levels, int64_t(2));
        QCOMPARE(c.hidden, int64_t(12));
        QVERIFY(!c.affine);
        QCOMPARE(trained.extras.metadata.value("steps").toInt(), 2);

        // Several nodes add the rendezvous every node shares.
        auto* nodeSpin = page.findChild<QSpinBox*>("clusterNodes");
        QVERIFY(nodeSpin);
        nodeSpin->setValue(4);
        QVERIFY2(page.clusterCommand().contains("--nnodes 4 --rdzv_backend c10d --rdzv_endpoint HOST:29400"),
                 qPrintable(page.clusterCommand()));

        page.copyClusterCommand();
        QCOMPARE(QApplication::clipboard()->text(), page.clusterCommand());

        QSignalSpy ready(&page, &FacesTrainPage::modelReady);
        page.openCheckpoint(out);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(ready.front().front().toString(), out);
    }
};

QTEST_MAIN(TestFacesTrainPage)
#include "test_faces_train_page.moc"

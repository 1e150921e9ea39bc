// Atomic saves (every model file, checkpoint and PNG goes through writeFileAtomically): a save
// killed while it writes leaves the previous file intact and no temporary file behind, however
// often it happens; a failed save names the file.

#include "common/test_support.h"
#include "io/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <fstream>

using namespace flowscope;

namespace {

/// True while process `pid` holds a file descriptor open on something inside `dir`
/// (the temporary file of a save in progress, named or unnamed).
bool holdsFileIn(qint64 pid, const QString& dir) {
    const QDir fds(QString("/proc/%1/fd").arg(pid));
    for (const auto& fd : fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        if (target.startsWith(dir + "/")) return true;
    }
    return false;
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void killedSavesLeaveNothingBehind() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.fsm");
        writeFileAtomically(path.toStdString(), "the good file");
        for (int round = 0; round < 5; ++round) {
            QProcess writer;
            writer.start(test::binaryDir() + "/tests/io/atomic_write_loop", {path});
            QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
            // Kill it while a write is in progress (its temporary file open), not between writes.
            bool caught = false;
            for (int i = 0; i < 20000 && !caught; ++i) {
                caught = holdsFileIn(writer.processId(), dir.path());
                if (!caught) QThread::usleep(200);
            }
            QVERIFY2(caught, "never saw the writer with its temporary file open");
            ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished(10000));
            const QStringList left = QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden);
            QCOMPARE(left, QStringList{"model.fsm"});
            // The file is either the old one or a complete new one, never a torn write.
            const QFileInfo info(path);
            QVERIFY2(info.size() == 13 || info.size() == (qint64(64) << 20), qPrintable(QString::number(info.size())));
        }
    }

    void failedSavesNameTheFile() {
        try {
            writeFileAtomically("/nonexistent-dir/x.fsm", "bytes");
            QFAIL("wrote into a folder that does not exist");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("/nonexistent-dir/x.fsm"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"

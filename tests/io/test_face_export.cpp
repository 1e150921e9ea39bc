// Exporting the synthetic faces as a CelebA-style folder: PNGs that load at the right size and
// match the renderer, the attribute file's layout, the CSV agreeing with the ±1 labels by the
// stated thresholds, both classes of Smiling and Young present, and a montage.

#include "faces/face_renderer.h"
#include "io/face_export.h"
#include "io/image_tensor.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace flowscope;

namespace {

QStringList readLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

}  // namespace

class TestFaceExport : public QObject {
    Q_OBJECT

private slots:
    void exportsACelebaStyleFolder_data() {
        QTest::addColumn<qint64>("size");
        QTest::newRow("32 px") << qint64(32);
        QTest::newRow("64 px") << qint64(64);
    }
    void exportsACelebaStyleFolder() {
        QFETCH(qint64, size);
        const int64_t count = 50;
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath("faces");
        const QString montage = tmp.filePath("montage/faces.png");
        const FaceExportSummary summary = exportFaces(dir.toStdString(), count, size, 42, montage.toStdString());
        QCOMPARE(summary.count, count);
        QCOMPARE(summary.labelNames, faceLabelNames());

        // PNGs: load, right size, and the pixels the renderer made (8-bit rounding aside).
        const FaceBatch reference = sampleFaces(0, count, size, 42);
        for (int64_t i = 0; i < count; ++i) {
            const QString file = QString("%1/face_%2.png").arg(dir).arg(i + 1, 6, 10, QChar('0'));
            QImage image(file);
            QVERIFY2(!image.isNull(), qPrintable("cannot load " + file));
            QCOMPARE(image.width(), int(size));
            QCOMPARE(image.height(), int(size));
            const double err = (imageToRgbTensor(image) - reference.images[i]).abs().max().item<double>();
            QVERIFY2(err <= 0.5 / 255 + 1e-6,
                     qPrintable(QString("%1 differs from the render by %2").arg(file).arg(err)));
        }

        // list_attr_faces.txt: count, names, then 50 rows "face_000001.png  1 -1 …".
        const QStringList attr = readLines(dir + "/list_attr_faces.txt");
        QCOMPARE(attr.size(), int(count) + 2);
        QCOMPARE(attr[0], QString::number(count));
        const QStringList names = attr[1].split(' ');
        QVERIFY(names.contains("Smiling"));
        QVERIFY(names.contains("Young"));
        QVERIFY(names.contains("Eyeglasses"));
        const int smilingCol = names.indexOf("Smiling"), youngCol = names.indexOf("Young"),
                  glassesCol = names.indexOf("Eyeglasses");
        std::vector<QStringList> labelRows;
        for (int64_t i = 0; i < count; ++i) {
            const QString& line = attr[int(i) + 2];
            const QString file = QString("face_%1.png").arg(i + 1, 6, 10, QChar('0'));
            QVERIFY2(line.startsWith(file + " "), qPrintable("row " + QString::number(i) + ": " + line));
            const QStringList fields = line.split(' ', Qt::SkipEmptyParts);
            QCOMPARE(fields.size(), names.size() + 1);
            for (int k = 1; k < fields.size(); ++k)
                QVERIFY2(fields[k] == "1" || fields[k] == "-1", qPrintable("not ±1: " + fields[k]));
            labelRows.push_back(fields.mid(1));
        }

        // attributes.csv: header and values consistent with the labels by the thresholds.
        const QStringList csv = readLines(dir + "/attributes.csv");
        QCOMPARE(csv.size(), int(count) + 1);
        const QStringList header = csv[0].split(',');
        QCOMPARE(header[0], QString("file"));
        QCOMPARE(header.size(), int(faceAttributeNames().size()) + 1);
        const int smileCol = header.indexOf("smile"), ageCol = header.indexOf("age"), gCol = header.indexOf("glasses");
        QVERIFY(smileCol > 0 && ageCol > 0 && gCol > 0);
        int smiling = 0, young = 0;
        for (int64_t i = 0; i < count; ++i) {
            const QStringList fields = csv[int(i) + 1].split(',');
            QCOMPARE(fields.size(), header.size());
            QCOMPARE(fields[0], QString("face_%1.png").arg(i + 1, 6, 10, QChar('0')));
            bool ok1 = false, ok2 = false;
            const double smile = fields[smileCol].toDouble(&ok1), age = fields[ageCol].toDouble(&ok2);
            QVERIFY(ok1 && ok2);
            QVERIFY(smile >= -1 && smile <= 1 && age >= 0 && age <= 1);
            QVERIFY(std::abs(smile - reference.attributes[size_t(i)].smile) < 1e-5);
            const bool isSmiling = labelRows[size_t(i)][smilingCol] == "1";
            const bool isYoung = labelRows[size_t(i)][youngCol] == "1";
            QCOMPARE(isSmiling, smile > kSmilingThreshold);
            QCOMPARE(isYoung, age < kYoungThreshold);
            QCOMPARE(labelRows[size_t(i)][glassesCol] == "1", fields[gCol] == "1");
            smiling += isSmiling;
            young += isYoung;
        }
        QVERIFY2(smiling >= 5 && smiling <= 45, qPrintable(QString("%1 of 50 smiling").arg(smiling)));
        QVERIFY2(young >= 5 && young <= 45, qPrintable(QString("%1 of 50 young").arg(young)));
        QCOMPARE(summary.positiveFraction[size_t(names.indexOf("Smiling"))], smiling / double(count));

        // Montage: the first 32 faces, 8 to a row, with 2-pixel gaps.
        QImage grid(montage);
        QVERIFY2(!grid.isNull(), "no montage");
        QCOMPARE(grid.width(), int(8 * size + 9 * 2));
        QCOMPARE(grid.height(), int(4 * size + 5 * 2));
    }

    void rejectsBadArguments() {
        QTemporaryDir tmp;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportFaces(tmp.path().toStdString(), 0, 32, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportFaces(tmp.path().toStdString(), 5, 8, 1));
        // A file where the folder should be.
        QFile blocker(tmp.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportFaces(tmp.filePath("file/sub").toStdString(), 5, 32, 1));
    }

    void tensorImageRoundTrip() {
        auto t = torch::rand({3, 5, 7});
        const QImage image = rgbTensorToImage(t);
        QCOMPARE(image.width(), 7);
        QCOMPARE(image.height(), 5);
        QVERIFY((imageToRgbTensor(image) - t).abs().max().item<double>() <= 0.5 / 255 + 1e-6);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rgbTensorToImage(torch::rand({4, 5, 7})));
    }
};

QTEST_APPLESS_MAIN(TestFaceExport)
#include "test_face_export.moc"

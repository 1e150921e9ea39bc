// Real image data sets: the IDX reader (plain and gzip; hostile headers, truncation, damaged
// streams), CIFAR-10's binary batches, and the data specs that name them (idx:DIR, cifar10:DIR,
// fashion-mnist, faces) with their size and channel adaptations. Fixture files are written here
// with zlib's own gzip writer, independent of the reader under test. Fashion-MNIST is checked
// against facts of the published set when the Debian package is installed.

#include "common/test_support.h"
#include "io/cifar10_batch.h"
#include "io/idx_file.h"
#include "io/image_dataset.h"
#include "io/sequential_file.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <vector>

using namespace flowscope;

namespace {

std::string idxHeader(unsigned char type, const std::vector<uint32_t>& dims) {
    std::string h = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
    for (uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8) h.push_back(static_cast<char>((d >> shift) & 0xFF));
    return h;
}

std::string idx(const std::vector<uint32_t>& dims, const std::vector<uint8_t>& values) {
    return idxHeader(0x08, dims) + std::string(values.begin(), values.end());
}

void writeRaw(const QString& path, const std::string& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes.data(), static_cast<qint64>(bytes.size())), static_cast<qint64>(bytes.size()));
}

/// gzip via zlib's gz* writer; `members` > 1 writes the bytes as that many concatenated members.
void writeGzip(const QString& path, const std::string& bytes, int members = 1) {
    QFile::remove(path);
    const size_t part = bytes.size() / static_cast<size_t>(members) + 1;
    for (int m = 0; m < members; ++m) {
        gzFile g = gzopen(path.toLocal8Bit().constData(), "ab");
        QVERIFY(g != nullptr);
        const size_t from = std::min(bytes.size(), static_cast<size_t>(m) * part);
        const size_t len = std::min(part, bytes.size() - from);
        if (len > 0) QCOMPARE(gzwrite(g, bytes.data() + from, static_cast<unsigned>(len)), static_cast<int>(len));
        QCOMPARE(gzclose(g), Z_OK);
    }
}

std::vector<uint8_t> ramp(size_t n, int mul = 7) {
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * mul + 3) % 256);
    return v;
}

/// The one-line error of `load`, which must throw std::runtime_error.
template <typename F>
QString errorOf(F&& load) {
    try {
        load();
    } catch (const std::runtime_error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// An MNIST-style folder: n images of s × s and their labels (i mod classes), train and t10k.
void writeIdxSet(const QString& dir, int n, int s, int classes, bool gz) {
    for (const char* prefix : {"train", "t10k"}) {
        std::vector<uint8_t> pixels =
            ramp(static_cast<size_t>(n * s * s), prefix[0] == 't' && prefix[1] == 'r' ? 7 : 11);
        std::vector<uint8_t> labels;
        for (int i = 0; i < n; ++i) labels.push_back(static_cast<uint8_t>(i % classes));
        const QString images = dir + "/" + prefix + "-images-idx3-ubyte" + (gz ? ".gz" : "");
        const QString labelFile = dir + "/" + prefix + "-labels-idx1-ubyte" + (gz ? ".gz" : "");
        const std::string ib = idx({uint32_t(n), uint32_t(s), uint32_t(s)}, pixels);
        const std::string lb = idx({uint32_t(n)}, labels);
        if (gz) {
            writeGzip(images, ib);
            writeGzip(labelFile, lb);
        } else {
            writeRaw(images, ib);
            writeRaw(labelFile, lb);
        }
    }
}

std::string cifarRecords(int n) {
    std::string bytes;
    for (int i = 0; i < n; ++i) {
        bytes.push_back(static_cast<char>(i % 10));
        for (int c = 0; c < 3; ++c)
            for (int p = 0; p < 1024; ++p) bytes.push_back(static_cast<char>((i * 31 + c * 85 + p) % 256));
    }
    return bytes;
}

}  // namespace

class TestImageDatasets : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString file(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void idxPlainAndGzipReadTheSameValues() {
        const auto values = ramp(3 * 4 * 5);
        const std::string bytes = idx({3, 4, 5}, values);
        writeRaw(file("a.idx"), bytes);
        writeGzip(file("a.idx.gz"), bytes);
        writeGzip(file("a3.idx.gz"), bytes, 3);
        for (const QString& f : {file("a.idx"), file("a.idx.gz"), file("a3.idx.gz")}) {
            const auto t = readIdxFile(f.toStdString());
            QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 4, 5}));
            QCOMPARE(t.scalar_type(), torch::kUInt8);
            for (int64_t i = 0; i < 60; ++i) QCOMPARE(t.flatten()[i].item<int>(), int(values[size_t(i)]));
        }
        writeRaw(file("labels.idx"), idx({4}, {9, 0, 3, 1}));
        QCOMPARE(readIdxFile(file("labels.idx").toStdString()).sizes().vec(), (std::vector<int64_t>{4}));
    }

    void idxHostileFilesGiveOneLine_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<QString>("expected");
        auto b = [](const std::string& s) { return QByteArray(s.data(), static_cast<int>(s.size())); };
        const std::string good = idx({2, 3, 3}, ramp(18));
        QTest::newRow("empty") << QByteArray() << false << "shorter than its 4-byte header";
        QTest::newRow("wrong magic") << b("\x01\x02\x08\x01" + std::string(8, 'x')) << false << "not an IDX file";
        QTest::newRow("float values") << b(idxHeader(0x0D, {2}) + std::string(8, '\0')) << false << "type 0x0D (float)";
        QTest::newRow("no dimensions") << b(idxHeader(0x08, {})) << false << "0 dimensions";
        QTest::newRow("five dimensions") << b(idxHeader(0x08, {1, 1, 1, 1, 1}) + "x") << false << "5 dimensions";
        QTest::newRow("zero dimension") << b(idxHeader(0x08, {3, 0, 2})) << false << "empty dimension";
        QTest::newRow("header ends early") << b(idxHeader(0x08, {3, 4}).substr(0, 9)) << false << "header ends early";
        QTest::newRow("absurd dimensions") << b(idxHeader(0x08, {65535, 65535, 65535}) + "xyz") << false << "MiB";
        QTest::newRow("absurd, gzip") << b(idxHeader(0x08, {60000, 4096, 4096})) << true << "MiB";
        QTest::newRow("truncated data") << b(good.substr(0, good.size() - 5)) << false << "holds 13";
        QTest::newRow("truncated data, gzip") << b(good.substr(0, good.size() - 5)) << true << "holds 13";
        QTest::newRow("trailing bytes") << b(good + "extra") << false << "bytes after the data";
        QTest::newRow("trailing bytes, gzip") << b(good + "extra") << true << "bytes after the data";
    }

    void idxHostileFilesGiveOneLine() {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, gzip);
        QFETCH(QString, expected);
        const QString path = file(gzip ? "hostile.idx.gz" : "hostile.idx");
        const std::string s(bytes.constData(), static_cast<size_t>(bytes.size()));
        if (gzip)
            writeGzip(path, s);
        else
            writeRaw(path, s);
        QElapsedTimer timer;
        timer.start();
        const QString e = errorOf([&] { readIdxFile(path.toStdString()); });
        QVERIFY2(e.contains(expected), qPrintable(e));
        QVERIFY2(e.contains(path) && !e.contains('\n'), qPrintable(e));
        QVERIFY2(timer.elapsed() < 5000, "a hostile header must be refused before any large read");
    }

    void damagedAndTruncatedGzipStreams() {
        const std::string bytes = idx({50, 28, 28}, ramp(50 * 28 * 28, 13));
        writeGzip(file("g.gz"), bytes);
        QFile f(file("g.gz"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray gz = f.readAll();
        writeRaw(file("cut.gz"), gz.left(gz.size() / 2).toStdString());
        QByteArray flipped = gz;
        for (int i = 20; i < 60; ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
        writeRaw(file("flipped.gz"), flipped.toStdString());
        QByteArray badCrc = gz;
        badCrc[badCrc.size() - 6] = static_cast<char>(badCrc[badCrc.size() - 6] ^ 1);  // the CRC-32 trailer
        writeRaw(file("crc.gz"), badCrc.toStdString());
        for (const QString& p : {file("cut.gz"), file("flipped.gz"), file("crc.gz")}) {
            const QString e = errorOf([&] { readIdxFile(p.toStdString()); });
            QVERIFY2(e.contains(p) && (e.contains("gzip") || e.contains("truncated")), qPrintable(p + ": " + e));
        }
        QVERIFY(errorOf([&] { readIdxFile(m_dir.path().toStdString()); }).contains("not a regular file"));
        QVERIFY(errorOf([&] { readIdxFile(file("missing").toStdString()); }).contains("cannot be opened"));
    }

    void cifar10BatchesKeepTheirPlanes() {
        writeRaw(file("b.bin"), cifarRecords(3));
        const auto b = readCifar10Batch(file("b.bin").toStdString());
        QCOMPARE(b.images.sizes().vec(), (std::vector<int64_t>{3, 3, 32, 32}));
        QCOMPARE(b.labels.sizes().vec(), (std::vector<int64_t>{3}));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(b.labels[i].item<int64_t>(), int64_t(i % 10));
            for (int c = 0; c < 3; ++c)
                for (int p : {0, 31, 32, 517, 1023})
                    QCOMPARE(b.images[i][c][p / 32][p % 32].item<int>(), (i * 31 + c * 85 + p) % 256);
        }
        writeGzip(file("b.bin.gz"), cifarRecords(3));
        QVERIFY(torch::equal(readCifar10Batch(file("b.bin.gz").toStdString()).images, b.images));

        std::string bad = cifarRecords(2);
        writeRaw(file("short.bin"), bad.substr(0, bad.size() - 1));
        QVERIFY(errorOf([&] { readCifar10Batch(file("short.bin").toStdString()); }).contains("whole number"));
        writeGzip(file("short.bin.gz"), bad.substr(0, bad.size() - 1));
        QVERIFY(errorOf([&] { readCifar10Batch(file("short.bin.gz").toStdString()); }).contains("truncated"));
        bad[kCifar10RecordBytes] = 10;
        writeRaw(file("label.bin"), bad);
        QVERIFY(errorOf([&] { readCifar10Batch(file("label.bin").toStdString()); }).contains("label 10"));
        writeRaw(file("empty.bin"), "");
        QVERIFY(errorOf([&] { readCifar10Batch(file("empty.bin").toStdString()); }).contains("empty"));
    }

    void cifar10SpecReadsSplitsAndNames() {
        QDir(m_dir.path()).mkdir("cifar");
        const QString dir = file("cifar");
        writeRaw(dir + "/data_batch_1.bin", cifarRecords(12));
        writeRaw(dir + "/data_batch_2.bin", cifarRecords(5));
        writeRaw(dir + "/batches.meta.txt", "a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n");
        ImageDatasetOptions o;
        o.size = 32;
        o.channels = 3;
        auto train = loadImageDataset("cifar10:" + dir.toStdString(), o);
        QCOMPARE(train.images.size(0), int64_t(17));
        QCOMPARE(train.classNames.at(3), std::string("a3"));
        QVERIFY(train.notes.empty());
        o.split = "test";
        QVERIFY(errorOf([&] { loadImageDataset("cifar10:" + dir.toStdString(), o); }).contains("test_batch.bin"));
        writeRaw(dir + "/test_batch.bin", cifarRecords(4));
        o.channels = 1;
        o.size = 16;
        o.limit = 2;
        auto test = loadImageDataset("cifar10:" + dir.toStdString(), o);
        QCOMPARE(test.images.sizes().vec(), (std::vector<int64_t>{2, 1, 16, 16}));
        QCOMPARE(test.notes.size(), size_t(2));
        // Area averaging then BT.601 luminance, computed here from the raw bytes.
        const auto raw = readCifar10Batch((dir + "/test_batch.bin").toStdString()).images.to(torch::kFloat64);
        const auto area = raw.view({4, 3, 16, 2, 16, 2}).mean({3, 5});
        const auto grey = area[1][0] * 0.299 + area[1][1] * 0.587 + area[1][2] * 0.114;
        const double err = (test.images[1][0].to(torch::kFloat64) - grey).abs().max().item<double>();
        QVERIFY2(err <= 1.0, qPrintable(QString::number(err)));
    }

    void idxSpecPadsAndLabels() {
        QDir(m_dir.path()).mkdir("mnist");
        const QString dir = file("mnist");
        writeIdxSet(dir, 30, 28, 10, true);
        ImageDatasetOptions o;
        o.size = 32;
        o.channels = 1;
        auto d = loadImageDataset("idx:" + dir.toStdString(), o);
        QCOMPARE(d.images.sizes().vec(), (std::vector<int64_t>{30, 1, 32, 32}));
        QCOMPARE(d.notes.size(), size_t(1));
        QVERIFY2(QString::fromStdString(d.notes[0]).contains("padded to 32×32"), d.notes[0].c_str());
        const auto raw = readIdxFile((dir + "/train-images-idx3-ubyte.gz").toStdString());
        QVERIFY(torch::equal(d.images.slice(2, 2, 30).slice(3, 2, 30).squeeze(1), raw));
        QCOMPARE(d.images.sum().item<int64_t>(), raw.to(torch::kLong).sum().item<int64_t>());  // black borders
        QCOMPARE(d.classes.size(0), int64_t(30));
        QCOMPARE(d.attributeNames.size(), size_t(10));
        QCOMPARE(d.attributeSource, std::string("classes"));
        for (int i = 0; i < 30; ++i)
            for (int k = 0; k < 10; ++k) QCOMPARE(int(d.attributes[size_t(i)][size_t(k)]), i % 10 == k ? 1 : -1);

        o.limit = 7;
        o.channels = 3;
        o.split = "test";
        auto t = loadImageDataset("idx:" + dir.toStdString(), o);
        QCOMPARE(t.images.sizes().vec(), (std::vector<int64_t>{7, 3, 32, 32}));
        QVERIFY(torch::equal(t.images.select(1, 0), t.images.select(1, 2)));
        const auto rawTest = readIdxFile((dir + "/t10k-images-idx3-ubyte.gz").toStdString());
        QVERIFY(torch::equal(t.images[6][1].slice(0, 2, 30).slice(1, 2, 30), rawTest[6]));

        // Labels that do not match the images; a folder without images.
        writeRaw(dir + "/t10k-labels-idx1-ubyte", idx({3}, {1, 2, 3}));
        QFile::remove(dir + "/t10k-labels-idx1-ubyte.gz");
        QVERIFY(errorOf([&] { loadImageDataset("idx:" + dir.toStdString(), o); }).contains("3 labels for 30 images"));
        QDir(m_dir.path()).mkdir("noidx");
        QVERIFY(errorOf([&] {
                    loadImageDataset("idx:" + file("noidx").toStdString(), o);
                }).contains("t10k-images-idx3-ubyte"));
        QVERIFY(errorOf([&] { loadImageDataset("idx:" + file("nothere").toStdString(), o); }).contains("not a folder"));
    }

    void fashionMnistNamesItsPackageWhenMissing() {
        const QByteArray old = qgetenv("FLOWSCOPE_FASHION_MNIST");
        qputenv("FLOWSCOPE_FASHION_MNIST", file("no-such-folder").toLocal8Bit());
        ImageDatasetOptions o;
        o.channels = 1;
        const QString e = errorOf([&] { loadImageDataset("fashion-mnist", o); });
        if (old.isNull())
            qunsetenv("FLOWSCOPE_FASHION_MNIST");
        else
            qputenv("FLOWSCOPE_FASHION_MNIST", old);
        QVERIFY2(e.contains("dataset-fashion-mnist") && !e.contains('\n'), qPrintable(e));
    }

    void fashionMnistIsTheRealSet() {
        if (!QFileInfo(QString::fromStdString(fashionMnistDir())).isDir())
            QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        ImageDatasetOptions o;
        o.size = 32;
        o.channels = 1;
        o.split = "test";
        auto test = loadImageDataset("fashion-mnist", o);
        QCOMPARE(test.images.sizes().vec(), (std::vector<int64_t>{10000, 1, 32, 32}));
        QCOMPARE(test.classNames, fashionMnistClassNames());
        // The published set: 1,000 test images of each class, the first one an ankle boot.
        QVERIFY(torch::equal(torch::bincount(test.classes), torch::full({10}, 1000, torch::kLong)));
        QCOMPARE(test.classes[0].item<int64_t>(), int64_t(9));
        QCOMPARE(test.images.slice(2, 0, 2).sum().item<int64_t>(), int64_t(0));
        o.split = "train";
        o.limit = 0;
        auto train = loadImageDataset("fashion-mnist", o);
        QCOMPARE(train.images.size(0), int64_t(60000));
        QVERIFY(torch::equal(torch::bincount(train.classes), torch::full({10}, 6000, torch::kLong)));
    }

    void facesSplitsAreDisjointAndSpecsAreChecked() {
        ImageDatasetOptions o;
        o.size = 16;
        o.limit = 4;
        auto train = loadImageDataset("faces", o);
        o.split = "test";
        auto test = loadImageDataset("faces", o);
        QCOMPARE(train.images.sizes().vec(), (std::vector<int64_t>{4, 3, 16, 16}));
        QVERIFY(!torch::equal(train.images, test.images));
        QCOMPARE(train.attributeNames.size(), train.attributes.at(0).size());
        o.channels = 1;
        QVERIFY(errorOf([&] { loadImageDataset("faces", o); }).contains("RGB"));
        o.channels = 3;
        o.split = "validation";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageDataset("faces", o));
        o.split = "train";
        QVERIFY(errorOf([&] { loadImageDataset("", o); }).contains("fashion-mnist"));
        auto source = openTrainingData("faces", o);
        QCOMPARE(source->channels(), int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TestImageDatasets)
#include "test_image_datasets.moc"

// Image folders as training data: centre crop, resize and channels exactly as documented; odd
// files (text named .jpg, truncated JPEG, 1×1, a header claiming 10000×10000) skipped and
// reported by name; recursion and the limit; and attribute labels from a CelebA list, from
// sub-folder pairs and from UTKFace file names. The shared face sets are read when present.

#include "common/test_support.h"
#include "io/image_folder.h"
#include "io/image_labels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace flowscope;

namespace {

const QRgb kRed = qRgb(255, 0, 0);
const QRgb kGreen = qRgb(0, 255, 0);
const QRgb kBlue = qRgb(0, 0, 255);

/// A w × h image of `middle` whose outer `border` pixels on the long axis are `edge`: the
/// centre square crop is exactly the middle when border = |w − h| / 2.
QImage bordered(int w, int h, int border, QRgb edge, QRgb middle) {
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const bool outside = w >= h ? (x < border || x >= w - border) : (y < border || y >= h - border);
            row[x] = outside ? edge : middle;
        }
    }
    return image;
}

QImage uniform(int w, int h, QRgb colour) {
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

/// Deterministic noise, so a JPEG of it is large enough to truncate meaningfully.
QImage noise(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    uint32_t state = 12345;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            state = state * 1664525u + 1013904223u;
            image.setPixel(x, y, qRgb(int(state >> 24), int((state >> 16) & 255), int((state >> 8) & 255)));
        }
    return image;
}

std::vector<std::string> strings(const QStringList& list) {
    std::vector<std::string> out;
    for (const QString& s : list) out.push_back(s.toStdString());
    return out;
}

QString joined(const std::vector<std::string>& lines) {
    QStringList out;
    for (const auto& l : lines) out << QString::fromStdString(l);
    return out.join(" | ");
}

/// Number of images whose label `attribute` equals `value`.
int64_t countLabel(const ImageLabels& labels, size_t attribute, int value) {
    return std::count_if(labels.values.begin(), labels.values.end(),
                         [&](const std::vector<int8_t>& v) { return v.at(attribute) == value; });
}

}  // namespace

class TestImageFolder : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Absolute path of `rel` in the temporary folder, its parent folders created.
    QString path(const QString& rel) {
        const QString p = m_dir.filePath(rel);
        QDir().mkpath(QFileInfo(p).absolutePath());
        return p;
    }
    std::string save(const QImage& image, const QString& rel, const char* format, int quality = -1) {
        const QString p = path(rel);
        if (!image.save(p, format, quality)) qFatal("cannot write fixture %s", qPrintable(p));
        return p.toStdString();
    }
    std::string write(const QString& rel, const QByteArray& bytes) {
        const QString p = path(rel);
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write fixture %s", qPrintable(p));
        return p.toStdString();
    }
    QByteArray encoded(const QImage& image, const char* format) {
        const std::string p = save(image, "scratch/encoded." + QString(format).toLower(), format, 90);
        QFile f(QString::fromStdString(p));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    std::string dir(const QString& rel) { return QDir(m_dir.filePath(rel)).absolutePath().toStdString(); }

    /// The odd files of odd/: each must be refused with the given reason.
    void writeOddFiles() {
        write("odd/text.jpg", "this is not an image\n");
        const QByteArray jpeg = encoded(noise(64, 64), "JPEG");
        write("odd/truncated.jpg", jpeg.left(jpeg.size() / 2));
        const QByteArray png = encoded(noise(64, 64), "PNG");
        write("odd/truncated.png", png.left(png.size() / 2));
        save(uniform(1, 1, kGreen), "odd/tiny.png", "PNG");
        save(uniform(100, 4, kGreen), "odd/thin.png", "PNG");
        write("odd/empty.png", QByteArray());
        // 10000×10000 at one bit per pixel: 12.5 MB to build, a few kB on disk.
        QImage huge(10000, 10000, QImage::Format_Mono);
        huge.fill(0);
        save(huge, "odd/huge.png", "PNG");
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        writeOddFiles();
    }

    // --- single images ---------------------------------------------------------------------

    void centreCropKeepsTheMiddle_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("tolerance");
        // PNG is lossless: the crop must be exactly green. JPEG (4:2:0 chroma) blurs colour
        // edges over a few pixels, hence the 16-pixel borders and a tolerance.
        QTest::newRow("30×20 PNG, same size") << 30 << 20 << "PNG" << 20 << 0;
        QTest::newRow("30×20 PNG, down to 8") << 30 << 20 << "PNG" << 8 << 0;
        QTest::newRow("30×20 PNG, up to 64") << 30 << 20 << "PNG" << 64 << 0;
        QTest::newRow("20×30 PNG (portrait)") << 20 << 30 << "PNG" << 16 << 0;
        QTest::newRow("31×20 PNG (odd difference)") << 31 << 20 << "PNG" << 20 << 0;
        QTest::newRow("BMP") << 30 << 20 << "BMP" << 12 << 0;
        QTest::newRow("96×64 JPEG") << 96 << 64 << "JPEG" << 32 << 60;
        QTest::newRow("64×96 JPEG") << 64 << 96 << "JPEG" << 32 << 60;
    }
    void centreCropKeepsTheMiddle() {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(QString, format);
        QFETCH(int, size);
        QFETCH(int, tolerance);
        // Borders of ⌊|w − h| / 2⌋ on one side and the rest on the other: the crop's offset is
        // the floor, so with an odd difference the right border is one pixel wider.
        const int diff = std::abs(w - h), border = diff / 2;
        QImage image = bordered(w, h, border, kRed, kGreen);
        if (diff % 2) {
            for (int y = 0; y < h; ++y) image.setPixel(w - border - 1, y, kRed);
        }
        const std::string file = save(image, "crop/image." + format.toLower(), format.toLatin1().constData(), 95);
        const auto t = loadImageTensor(file, size, 3);
        QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{3, size, size}));
        QCOMPARE(t.dtype(), torch::kUInt8);
        const auto f = t.to(torch::kInt32);
        const int maxRed = f[0].max().item<int>(), minGreen = f[1].min().item<int>(), maxBlue = f[2].max().item<int>();
        QVERIFY2(maxRed <= tolerance && minGreen >= 255 - tolerance && maxBlue <= tolerance,
                 qPrintable(QString("red ≤ %1, green ≥ %2, blue ≤ %3").arg(maxRed).arg(minGreen).arg(maxBlue)));
    }

    void channelsAreLaidOutChannelFirst() {
        // Quadrants red | green over blue | white: catches any HWC/CHW or row/column mix-up.
        QImage image(16, 16, QImage::Format_RGB32);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x)
                image.setPixel(x, y, y < 8 ? (x < 8 ? kRed : kGreen) : (x < 8 ? kBlue : qRgb(255, 255, 255)));
        const auto t = loadImageTensor(save(image, "layout/quadrants.png", "PNG"), 16, 3);
        auto a = t.accessor<uint8_t, 3>();
        const int corners[4][2] = {{0, 0}, {0, 15}, {15, 0}, {15, 15}};
        const int expected[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
        for (int k = 0; k < 4; ++k)
            for (int c = 0; c < 3; ++c) QCOMPARE(int(a[c][corners[k][0]][corners[k][1]]), expected[k][c]);
    }

    void greyBecomesThreeEqualChannels() {
        QImage grey(40, 24, QImage::Format_Grayscale8);
        for (int y = 0; y < 24; ++y)
            for (int x = 0; x < 40; ++x) grey.scanLine(y)[x] = uchar((x * 6 + y * 3) % 256);
        const std::string file = save(grey, "grey/ramp.png", "PNG");
        const auto rgb = loadImageTensor(file, 24, 3);
        QVERIFY(torch::equal(rgb[0], rgb[1]) && torch::equal(rgb[1], rgb[2]));
        // Same size: no resampling, so the crop is the exact middle 24 columns.
        QCOMPARE(int(rgb[0][5][0].item<uint8_t>()), (8 * 6 + 5 * 3) % 256);
        const auto one = loadImageTensor(file, 24, 1);
        QCOMPARE(one.sizes().vec(), (std::vector<int64_t>{1, 24, 24}));
        QVERIFY(torch::equal(one[0], rgb[0]));
    }

    void colourBecomesGreyOnOneChannel() {
        const auto t = loadImageTensor(save(uniform(20, 20, kGreen), "grey/green.png", "PNG"), 10, 1);
        const int expected =
            qGray(QImage(uniform(1, 1, kGreen)).convertToFormat(QImage::Format_Grayscale8).pixel(0, 0));
        QVERIFY(expected > 60 && expected < 250);  // green is neither black nor white in grey (Qt: 220)
        QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{1, 10, 10}));
        QCOMPARE(t.min().item<uint8_t>(), uint8_t(expected));
        QCOMPARE(t.max().item<uint8_t>(), uint8_t(expected));
    }

    void largePhotoIsReadWithinQtsMemoryLimit() {
        // 7000×5000 colour = 140 MB decoded, above Qt's default 128 MB limit: the JPEG decoder
        // must be asked to scale while decoding. The crop (the middle 5000 columns) is green.
        const std::string file = save(bordered(7000, 5000, 1000, kRed, kGreen), "large/photo.jpg", "JPEG", 90);
        const auto t = loadImageTensor(file, 32, 3).to(torch::kInt32);
        QVERIFY2(
            t[0].max().item<int>() <= 20 && t[1].min().item<int>() >= 235,
            qPrintable(QString("red max %1, green min %2").arg(t[0].max().item<int>()).arg(t[1].min().item<int>())));
    }

    void oddFilesAreRefusedWithTheReason_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text named .jpg") << "text.jpg"
                                         << "'%1' is not an image FlowScope can read";
        QTest::newRow("truncated JPEG") << "truncated.jpg"
                                        << "'%1' is truncated";
        QTest::newRow("truncated PNG") << "truncated.png"
                                       << "'%1' is damaged";
        QTest::newRow("1×1") << "tiny.png"
                             << "'%1' is 1×1 pixels: too small to crop to 64×64";
        QTest::newRow("100×4") << "thin.png"
                               << "'%1' is 100×4 pixels: too small";
        QTest::newRow("10000×10000")
            << "huge.png"
            << "'%1' is 10000×10000 pixels (100.0 megapixels): more than the 50-megapixel limit";
        QTest::newRow("empty") << "empty.png"
                               << "'%1' is an empty file";
        QTest::newRow("missing") << "absent.png"
                                 << "image '%1' does not exist";
    }
    void oddFilesAreRefusedWithTheReason() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString p = m_dir.filePath("odd/" + file);
        try {
            loadImageTensor(p.toStdString(), 64, 3);
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected.arg(p)), e.what());
        }
    }

    void badShapesAreRejected() {
        const std::string file = save(uniform(8, 8, kGreen), "shape/ok.png", "PNG");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageTensor(file, 3, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageTensor(file, 1025, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageTensor(file, 16, 2));
        QCOMPARE(loadImageTensor(file, 4, 3).size(1), int64_t(4));
        QCOMPARE(loadImageTensor(file, 1024, 1).size(2), int64_t(1024));  // upscaling is allowed
    }

    // --- folders ---------------------------------------------------------------------------

    void folderSkipsAndReportsOddFiles() {
        // The odd files next to good ones of four formats; notes.txt and hidden files are not
        // images and are ignored without a word.
        QDir().mkpath(m_dir.filePath("mixed"));
        for (const QString& odd : QDir(m_dir.filePath("odd")).entryList(QDir::Files))
            QFile::copy(m_dir.filePath("odd/" + odd), m_dir.filePath("mixed/" + odd));
        save(bordered(30, 20, 5, kRed, kGreen), "mixed/a.png", "PNG");
        save(uniform(40, 40, kBlue), "mixed/b.bmp", "BMP");
        save(uniform(12, 9, qRgb(255, 255, 255)), "mixed/c.ppm", "PPM");
        save(uniform(16, 16, kRed), "mixed/sub/d.png", "PNG");
        save(uniform(16, 16, kRed), "mixed/.hidden.png", "PNG");
        save(uniform(16, 16, kRed), "mixed/.cache/e.png", "PNG");
        write("mixed/notes.txt", "not an image, not reported\n");

        const auto set = readImageFolder(dir("mixed"), {8, 3, 0, true});
        QCOMPARE(set.files, (std::vector<std::string>{"a.png", "b.bmp", "c.ppm", "sub/d.png"}));
        QCOMPARE(set.images.sizes().vec(), (std::vector<int64_t>{4, 3, 8, 8}));
        QCOMPARE(set.images.dtype(), torch::kUInt8);
        QVERIFY(set.images.is_contiguous());
        // Each image is where its name is: green, blue, white, red.
        const auto mean = set.images.to(torch::kFloat32).mean({2, 3});
        const float expected[4][3] = {{0, 255, 0}, {0, 0, 255}, {255, 255, 255}, {255, 0, 0}};
        for (int i = 0; i < 4; ++i)
            for (int c = 0; c < 3; ++c) QCOMPARE(mean[i][c].item<float>(), expected[i][c]);

        const std::vector<std::string> oddOrder = {"empty.png", "huge.png",      "text.jpg",     "thin.png",
                                                   "tiny.png",  "truncated.jpg", "truncated.png"};
        QCOMPARE(set.skipped, int64_t(oddOrder.size()));
        QCOMPARE(set.problems.size(), oddOrder.size());
        for (size_t i = 0; i < oddOrder.size(); ++i)
            QVERIFY2(QString::fromStdString(set.problems[i]).startsWith(QString::fromStdString(oddOrder[i] + ": ")),
                     set.problems[i].c_str());
        QVERIFY2(set.problems[1].find("megapixel") != std::string::npos, set.problems[1].c_str());
        QVERIFY2(set.problems[2].find("not an image") != std::string::npos, set.problems[2].c_str());
        QVERIFY2(set.problems[5].find("truncated") != std::string::npos, set.problems[5].c_str());
    }

    void recursionAndLimit_data() {
        QTest::addColumn<bool>("recursive");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("top level only") << false << 0 << QStringList{"top1.png", "top2.png"};
        QTest::newRow("recursive, sorted")
            << true << 0 << QStringList{"a/b/y.png", "a/x.png", "c/z.png", "top1.png", "top2.png"};
        QTest::newRow("limit 2 spreads over the list") << true << 2 << QStringList{"a/x.png", "top1.png"};
        QTest::newRow("limit 4") << true << 4 << QStringList{"a/b/y.png", "a/x.png", "top1.png", "top2.png"};
        QTest::newRow("limit above the count")
            << true << 10 << QStringList{"a/b/y.png", "a/x.png", "c/z.png", "top1.png", "top2.png"};
        QTest::newRow("limit 1, top level") << false << 1 << QStringList{"top2.png"};
    }
    void recursionAndLimit() {
        QFETCH(bool, recursive);
        QFETCH(int, limit);
        QFETCH(QStringList, expected);
        for (const QString& f : {"top1.png", "top2.png", "a/x.png", "a/b/y.png", "c/z.png"})
            if (!QFileInfo::exists(m_dir.filePath("tree/" + f))) save(uniform(10, 10, kGreen), "tree/" + f, "PNG");
        const auto set = readImageFolder(dir("tree"), {8, 1, limit, recursive});
        QCOMPARE(set.files, strings(expected));
        QCOMPARE(set.images.size(0), int64_t(expected.size()));
        QVERIFY(set.problems.empty());
        QCOMPARE(listImageFiles(dir("tree"), recursive).size(), size_t(recursive ? 5 : 2));
    }

    void unusableFoldersAreErrors_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "nowhere"
                                 << "image folder '%1' does not exist";
        QTest::newRow("empty") << "emptydir"
                               << "image folder '%1' holds no image files";
        QTest::newRow("no image files") << "textonly"
                                        << "image folder '%1' holds no image files";
        QTest::newRow("only odd files") << "odd"
                                        << "image folder '%1' holds 7 image files but none FlowScope can use";
        QTest::newRow("a file") << "textonly/readme.txt"
                                << "'%1' is not a folder";
    }
    void unusableFoldersAreErrors() {
        QFETCH(QString, folder);
        QFETCH(QString, expected);
        QDir().mkpath(m_dir.filePath("emptydir"));
        write("textonly/readme.txt", "hello\n");
        const std::string d = dir(folder);
        try {
            readImageFolder(d, {});
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected.arg(QString::fromStdString(d))), e.what());
        }
    }

    void badOptionsAreRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readImageFolder(dir("odd"), {2, 3, 0, true}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readImageFolder(dir("odd"), {64, 4, 0, true}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readImageFolder(dir("odd"), {64, 3, -1, true}));
    }

    // --- labels ----------------------------------------------------------------------------

    void celebaAttributeList() {
        // CRLF, a trailing space after the names, a listed file that is missing (000005), an
        // image without a line (000004), 0 as negative, and a count that does not match.
        write("celeba/list_attr_celeba.txt",
              "5\r\nSmiling Young Male \r\n000001.jpg  1 -1  1\r\n000002.jpg -1  1  0\r\n"
              "000003.jpg  1  1  1\r\n000005.jpg  1  1  1\r\n");
        const std::vector<std::string> files = {"000001.jpg", "000002.jpg", "000003.jpg", "000004.jpg"};
        const auto labels = readImageLabels(dir("celeba"), files);
        QCOMPARE(labels.source, std::string("list_attr_celeba.txt"));
        QCOMPARE(labels.names, (std::vector<std::string>{"Smiling", "Young", "Male"}));
        const std::vector<std::vector<int8_t>> expected = {{1, -1, 1}, {-1, 1, -1}, {1, 1, 1}, {0, 0, 0}};
        QCOMPARE(labels.values, expected);
        const QString problems = joined(labels.problems);
        QCOMPARE(labels.problems.size(), size_t(3));
        QVERIFY2(problems.contains("list_attr_celeba.txt line 6: '000005.jpg' is not among the images"),
                 qPrintable(problems));
        QVERIFY2(problems.contains("line 1 says 5 images, 4 lines follow"), qPrintable(problems));
        QVERIFY2(problems.contains("1 image has no line in list_attr_celeba.txt (labels unknown), e.g. '000004.jpg'"),
                 qPrintable(problems));
    }

    void attributeListMatchesByFileNameAndReportsBadLines() {
        // Images in a sub-folder match the list's bare names; malformed lines are skipped.
        write("celeba2/list_attr_faces.txt",
              "4\nEyeglasses Male\nface_1.png 1 -1\nface_2.png 1 maybe\nface_3.png -1\nface_4.png -1 -1\n");
        const std::vector<std::string> files = {"img/face_1.png", "img/face_2.png", "img/face_3.png", "img/face_4.png"};
        const auto labels = readImageLabels(dir("celeba2"), files);
        QCOMPARE(labels.source, std::string("list_attr_faces.txt"));
        const std::vector<std::vector<int8_t>> expected = {{1, -1}, {0, 0}, {0, 0}, {-1, -1}};
        QCOMPARE(labels.values, expected);
        const QString problems = joined(labels.problems);
        QVERIFY2(problems.contains("line 4: 'maybe' for Male is not 1, -1 or 0"), qPrintable(problems));
        QVERIFY2(problems.contains("line 5: expected a file name and 2 values, got 2 fields"), qPrintable(problems));
        QVERIFY2(problems.contains("2 images have no line"), qPrintable(problems));
        QVERIFY2(!problems.contains("says"), qPrintable(problems));  // the count matches
    }

    void subFolderPairs() {
        const std::vector<std::string> files = {"NO_Eyeglasses/4.jpg", "eyeglasses/5.jpg",  "non-wavy-hair/8.jpg",
                                                "not_smiling/1.jpg",   "not_smiling/2.jpg", "other/6.jpg",
                                                "smiling/3.jpg",       "wavy_hair/7.jpg"};
        const auto labels = readImageLabels(dir("nolist"), files);
        QCOMPARE(labels.source, std::string("sub-folders"));
        QCOMPARE(labels.names, (std::vector<std::string>{"Eyeglasses", "Smiling", "Wavy_Hair"}));
        const std::vector<std::vector<int8_t>> expected = {{-1, 0, 0}, {1, 0, 0}, {0, 0, -1}, {0, -1, 0},
                                                           {0, -1, 0}, {0, 0, 0}, {0, 1, 0},  {0, 0, 1}};
        QCOMPARE(labels.values, expected);
        QCOMPARE(labels.problems,
                 std::vector<std::string>{"1 image is in no labelled sub-folder (labels unknown), e.g. 'other/6.jpg'"});
    }

    void foldersWithoutPairsAreNoLabels() {
        const auto labels = readImageLabels(dir("nolist"), {"smiling/a.jpg", "happy/b.jpg", "c.jpg"});
        QVERIFY(labels.source.empty());
        QVERIFY(labels.names.empty());
        QCOMPARE(labels.values.size(), size_t(3));
    }

    void utkFaceNames() {
        const std::vector<std::string> files = {"25_0_0_20170116174525125.jpg.chip.jpg",  // young man
                                                "30_1_2_20170109142408075.jpg",           // 30 is not young; woman
                                                "29_1_3_20170104.jpg",                    // young woman
                                                "sub/100_0_1_20170112213001988.jpg",      // old man, in a sub-folder
                                                "39_1_20170116174525125.jpg.chip.jpg",    // race missing: malformed
                                                "61_3_0_20170109150557335.jpg",           // gender 3: malformed
                                                "portrait.jpg"};
        const auto labels = readImageLabels(dir("nolist"), files);
        QCOMPARE(labels.source, std::string("UTKFace file names"));
        QCOMPARE(labels.names, (std::vector<std::string>{"Young", "Male"}));
        const std::vector<std::vector<int8_t>> expected = {{1, 1}, {-1, -1}, {1, -1}, {-1, 1}, {0, 0}, {0, 0}, {0, 0}};
        QCOMPARE(labels.values, expected);
        QCOMPARE(labels.problems.size(), size_t(3));
        QVERIFY(QString::fromStdString(labels.problems[0])
                    .startsWith("39_1_20170116174525125.jpg.chip.jpg: not a UTKFace name"));
        QVERIFY(QString::fromStdString(labels.problems[2]).startsWith("portrait.jpg: "));
        QCOMPARE(kYoungAgeLimit, 30);
    }

    void utkFaceNeedsMostNamesToParse() {
        const auto labels = readImageLabels(dir("nolist"), {"a.jpg", "b.jpg", "20_0_0_1.jpg", "21_1_0_2.jpg"});
        QVERIFY2(labels.source.empty(), labels.source.c_str());
    }

    void layoutPreference() {
        // A list file wins over folder pairs; folder pairs win over UTKFace names.
        write("both/list_attr_celeba.txt", "2\nSmiling\nsmiling/25_0_0_1.jpg 1\nnot_smiling/26_0_0_2.jpg 1\n");
        const std::vector<std::string> files = {"not_smiling/26_0_0_2.jpg", "smiling/25_0_0_1.jpg"};
        const auto fromList = readImageLabels(dir("both"), files);
        QCOMPARE(fromList.source, std::string("list_attr_celeba.txt"));
        QCOMPARE(fromList.values, (std::vector<std::vector<int8_t>>{{1}, {1}}));
        const auto fromFolders = readImageLabels(dir("nolist"), files);
        QCOMPARE(fromFolders.source, std::string("sub-folders"));
        QCOMPARE(fromFolders.values, (std::vector<std::vector<int8_t>>{{-1}, {1}}));
    }

    void unusableAttributeListsFallBack_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "list_attr_celeba.txt: empty";
        QTest::newRow("count only") << QByteArray("3\n") << "expected 1…1000 attribute names, got 0";
        QTest::newRow("names nobody has")
            << QByteArray("1\nSmiling\nsomeone_else.jpg 1\n") << "none of its 1 lines names one of the 2 images";
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xff", 18) << "none of its";
    }
    void unusableAttributeListsFallBack() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        write("badlist/list_attr_celeba.txt", content);
        const auto labels = readImageLabels(dir("badlist"), {"smiling/a.jpg", "not_smiling/b.jpg"});
        QCOMPARE(labels.source, std::string("sub-folders"));
        QVERIFY(!labels.problems.empty());
        QVERIFY2(QString::fromStdString(labels.problems.front()).contains(expected), labels.problems.front().c_str());
    }

    // --- the shared face sets --------------------------------------------------------------

    void sharedSmilesLfw() {
        const QString shared = test::sharedDir();
        if (shared.isEmpty() || !QFileInfo(shared + "/datasets/smiles-lfw").isDir())
            FLOWSCOPE_SKIP_WITHOUT_SHARED(
                "../shared/datasets/smiles-lfw is absent (only present beside the main checkout and in CI)");
        const std::string root = (shared + "/datasets/smiles-lfw").toStdString();
        const auto all = listImageFiles(root, true);
        QCOMPARE(all.size(), size_t(2400));
        const auto labels = readImageLabels(root, all);
        QCOMPARE(labels.source, std::string("sub-folders"));
        QCOMPARE(labels.names, std::vector<std::string>{"Smiling"});
        QCOMPARE(countLabel(labels, 0, 1), int64_t(1200));
        QCOMPARE(countLabel(labels, 0, -1), int64_t(1200));
        QVERIFY2(labels.problems.empty(), qPrintable(joined(labels.problems)));

        const auto set = readImageFolder(root, {64, 3, 300, true});  // every 8th file: 150 from each folder
        QCOMPARE(set.images.sizes().vec(), (std::vector<int64_t>{300, 3, 64, 64}));
        QVERIFY2(set.problems.empty(), qPrintable(joined(set.problems)));
        QVERIFY(torch::equal(set.images.select(1, 0), set.images.select(1, 2)));  // grey JPEGs
        QVERIFY(set.images.to(torch::kFloat32).std().item<float>() > 20.0f);      // faces, not blanks
        const auto some = readImageLabels(root, set.files);
        QCOMPARE(countLabel(some, 0, 1), int64_t(150));
        QCOMPARE(countLabel(some, 0, -1), int64_t(150));
    }

    void sharedUtkFace() {
        const QString shared = test::sharedDir();
        if (shared.isEmpty() || !QFileInfo(shared + "/datasets/utkface-64").isDir())
            FLOWSCOPE_SKIP_WITHOUT_SHARED(
                "../shared/datasets/utkface-64 is absent (only present beside the main checkout and in CI)");
        const std::string root = (shared + "/datasets/utkface-64").toStdString();
        const auto all = listImageFiles(root, true);
        QCOMPARE(all.size(), size_t(2500));
        const auto labels = readImageLabels(root, all);
        QCOMPARE(labels.source, std::string("UTKFace file names"));
        QCOMPARE(labels.names, (std::vector<std::string>{"Young", "Male"}));
        for (size_t a = 0; a < 2; ++a) {
            const int64_t pos = countLabel(labels, a, 1), neg = countLabel(labels, a, -1);
            QVERIFY2(pos > 250 && neg > 250,
                     qPrintable(QString("%1: %2 vs %3").arg(labels.names[a].c_str()).arg(pos).arg(neg)));
            QCOMPARE(pos + neg, int64_t(2500));  // every name parses
        }
        QVERIFY2(labels.problems.empty(), qPrintable(joined(labels.problems)));

        const auto set = readImageFolder(root, {32, 3, 300, true});
        QCOMPARE(set.images.sizes().vec(), (std::vector<int64_t>{300, 3, 32, 32}));
        QVERIFY2(set.problems.empty(), qPrintable(joined(set.problems)));
        QVERIFY(!torch::equal(set.images.select(1, 0), set.images.select(1, 2)));  // colour
    }
};

QTEST_GUILESS_MAIN(TestImageFolder)
#include "test_image_folder.moc"

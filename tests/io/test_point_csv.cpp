// Point CSV files: headers, separators, bad lines reported with their line numbers, and files
// that cannot be used rejected with a message naming them.

#include "io/point_csv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace flowscope;

class TestPointCsv : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string write(const QString& name, const std::string& text) {
        const std::string path = m_dir.filePath(name).toStdString();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

private slots:
    void readsPoints_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("lastY");
        QTest::newRow("plain") << "1,2\n3,4\n" << 2 << 4.0;
        QTest::newRow("header") << "x,y\n1,2\n-3.5,4e-1\n" << 2 << 0.4;
        QTest::newRow("semicolons, CRLF") << "x;y\r\n1;2\r\n3;5\r\n" << 2 << 5.0;
        QTest::newRow("spaces and comments") << "# drawn points\n1 2\n\n3   6\n" << 2 << 6.0;
        QTest::newRow("no final newline") << "0,0\n1,1" << 2 << 1.0;
    }
    void readsPoints() {
        QFETCH(QString, text);
        QFETCH(int, count);
        QFETCH(double, lastY);
        const auto csv = readPointCsv(write("ok.csv", text.toStdString()));
        QCOMPARE(csv.points.size(0), int64_t(count));
        QCOMPARE(csv.points[count - 1][1].item<double>(), double(float(lastY)));
        QVERIFY(csv.problems.empty());
    }

    void reportsBadLinesWithTheirNumbers() {
        const auto csv = readPointCsv(write("bad.csv", "x,y\n1,2\nfoo,3\n4,5\n6\nnan,1\n7,8\n1,,2\n9,10\n"));
        QCOMPARE(csv.points.size(0), int64_t(4));
        QCOMPARE(csv.skippedLines, int64_t(4));
        QCOMPARE(int(csv.problems.size()), 4);
        QVERIFY2(QString::fromStdString(csv.problems[0]).startsWith("line 3:"), csv.problems[0].c_str());
        QVERIFY(QString::fromStdString(csv.problems[1]).startsWith("line 5:"));
        QVERIFY(QString::fromStdString(csv.problems[2]).startsWith("line 6:"));  // NaN is not a point
        QVERIFY(QString::fromStdString(csv.problems[3]).startsWith("line 8:"));  // empty field
    }

    void rejectsUnusableFiles_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "no valid x,y line";
        QTest::newRow("header only") << "x,y\n"
                                     << "no valid x,y line";
        QTest::newRow("mostly bad") << "1,2\na,b\nc,d\ne,f\n"
                                    << "bad lines";
        QTest::newRow("binary") << QString::fromLatin1("\x01\x02\xff\xfe,\x00\x01\n", 9) << "no valid";
        // Points are floats: 1e39 is a finite double but would load as an infinite point (fuzz_point_csv).
        QTest::newRow("beyond float's range") << "1e39,1\n2,-4e38\n"
                                              << "no valid x,y line";
    }
    void rejectsUnusableFiles() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::string path = write("x.csv", text.toStdString());
        try {
            readPointCsv(path);
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains(expected) && msg.contains("x.csv"), e.what());
        }
    }

    void missingFileIsAnError() {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readPointCsv(m_dir.filePath("absent.csv").toStdString()));
    }

    void writeThenReadRoundTrips() {
        auto pts = torch::tensor({{0.5f, -1.25f}, {3.0f, 4.0f}});
        const std::string path = m_dir.filePath("round.csv").toStdString();
        writePointCsv(path, pts);
        QVERIFY(torch::equal(readPointCsv(path).points, pts));
    }
};

QTEST_APPLESS_MAIN(TestPointCsv)
#include "test_point_csv.moc"

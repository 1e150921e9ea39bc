#include "common/test_support.h"

#include "util/random.h"

#include <Eigen/Dense>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace flowscope::test {

FlowModel perturbedFlowModel(const std::string& flow, int64_t layers, uint64_t seed, double scale) {
    FlowConfig c;
    c.flow = flowKindNamed(flow);
    c.layers = layers;
    c.hidden = 16;
    c.seed = seed;
    FlowModel m(c);
    perturbParameters(*m, scale, seed + 50);
    return m;
}

void perturbParameters(torch::nn::Module& module, double scale, uint64_t seed) {
    torch::NoGradGuard noGrad;
    auto gen = makeGenerator(seed);
    for (auto& p : module.parameters()) p.add_(torch::randn(p.sizes(), gen, torch::kFloat32).to(p.dtype()) * scale);
}

void editModelArchitecture(const std::string& path, const std::function<void(QJsonObject&)>& edit) {
    std::ifstream in(path, std::ios::binary);
    const std::string b((std::istreambuf_iterator<char>(in)), {});
    if (b.size() < 20) throw std::runtime_error("editModelArchitecture: '" + path + "' is too short");
    uint64_t len = 0;
    for (int i = 0; i < 8; ++i) len |= uint64_t(uint8_t(b[12 + i])) << (8 * i);
    QJsonObject header = QJsonDocument::fromJson(QByteArray(b.data() + 20, qsizetype(len))).object();
    QJsonObject arch = header.value("architecture").toObject();
    edit(arch);
    header["architecture"] = arch;
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    std::string out = b.substr(0, 12);
    for (int i = 0; i < 8; ++i) out.push_back(char((uint64_t(json.size()) >> (8 * i)) & 0xFF));
    out.append(json.constData(), size_t(json.size()));
    out += b.substr(20 + len);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << out;
}

void writeHostileGlowCopy(const QString& source, const QString& destination) {
    QFile::remove(destination);
    if (!QFile::copy(source, destination))
        throw std::runtime_error("writeHostileGlowCopy: cannot copy " + source.toStdString());
    QFile::setPermissions(destination, QFile::ReadOwner | QFile::WriteOwner);
    editModelArchitecture(destination.toStdString(), [](QJsonObject& a) {
        a["image_size"] = 256;
        a["levels"] = 8;
        a["steps"] = 64;
        a["hidden"] = 4096;
    });
}

double peakResidentMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

torch::Tensor autogradJacobian(const std::function<torch::Tensor(const torch::Tensor&)>& map, const torch::Tensor& z) {
    auto x = z.detach().clone().set_requires_grad(true);
    auto y = map(x);
    const int64_t b = z.size(0), d = z.size(1);
    auto jac = torch::zeros({b, d, d}, torch::kFloat64);
    for (int64_t j = 0; j < d; ++j) {
        auto g = torch::autograd::grad({y.select(1, j).sum()}, {x}, {}, /*retain_graph=*/true)[0];
        jac.select(1, j).copy_(g.to(torch::kFloat64));
    }
    return jac;
}

torch::Tensor eigenLogAbsDet(const torch::Tensor& jacobians) {
    auto j = jacobians.to(torch::kFloat64).contiguous();
    const int64_t b = j.size(0), d = j.size(1);
    auto out = torch::empty({b}, torch::kFloat64);
    for (int64_t i = 0; i < b; ++i) {
        Eigen::MatrixXd m(d, d);
        for (int64_t r = 0; r < d; ++r)
            for (int64_t c = 0; c < d; ++c) m(r, c) = j[i][r][c].item<double>();
        out[i] = std::log(std::abs(m.partialPivLu().determinant()));
    }
    return out;
}

QString sharedDir() {
    const QString dir = QStringLiteral(FLOWSCOPE_SHARED_DIR);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

bool runningInCi() { return qEnvironmentVariable("CI") == QLatin1String("true"); }

uint16_t freeTcpPort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) throw std::runtime_error("no socket for a free port");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    const bool ok = ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0;
    ::close(s);
    if (!ok) throw std::runtime_error("could not find a free TCP port");
    return ntohs(a.sin_port);
}

QString binaryDir() { return QStringLiteral(FLOWSCOPE_BINARY_DIR); }

}  // namespace flowscope::test

#include "io/flow_model_file.h"

#include "flow/flow_parameter_shapes.h"
#include "io/architecture_check.h"
#include "io/model_file.h"
#include "io/printable.h"

#include <sstream>

namespace flowscope {

QJsonObject toJson(const FlowConfig& c) {
    return QJsonObject{{"flow", QString::fromUtf8(flowKindName(c.flow))},
                       {"layers", static_cast<qint64>(c.layers)},
                       {"hidden", static_cast<qint64>(c.hidden)},
                       {"dim", static_cast<qint64>(c.dim)},
                       {"base", QString::fromUtf8(kindName(kBaseKinds, c.base))},
                       {"mask", QString::fromUtf8(kindName(kMaskPatterns, c.mask))},
                       {"actnorm", c.actnorm},
                       {"seed", QString::number(c.seed)}};
}

FlowConfig flowConfigFromJson(const QJsonObject& j) {
    auto integer = [&](const char* key, int64_t fallback) {
        const auto v = j.value(key);
        if (v.isUndefined()) return fallback;
        if (!v.isDouble()) throw std::invalid_argument(std::string("architecture field '") + key + "' is not a number");
        return static_cast<int64_t>(v.toDouble());
    };
    FlowConfig c;
    const std::string kind = j.value("flow").toString().toStdString();
    const auto flow = flowKindFromName(kind);
    if (!flow) throw std::invalid_argument("unknown flow '" + printable(kind) + "' (expected " + flowKindNames() + ")");
    c.flow = *flow;
    c.layers = integer("layers", -1);
    c.hidden = integer("hidden", c.hidden);
    c.dim = integer("dim", c.dim);
    // Older files may leave out base and mask: the defaults then.
    auto choice = [&](const char* key, const auto& table, auto fallback) {
        const std::string name = j.value(key).toString(QString::fromUtf8(kindName(table, fallback))).toStdString();
        if (auto kind = kindFromName(table, name)) return *kind;
        throw std::invalid_argument(std::string("unknown ") + key + " '" + printable(name) + "' (expected " +
                                    kindNames(table) + ")");
    };
    c.base = choice("base", kBaseKinds, c.base);
    c.mask = choice("mask", kMaskPatterns, c.mask);
    c.actnorm = j.value("actnorm").toBool(false);
    c.seed = j.value("seed").toString("0").toULongLong();
    validate(c);
    return c;
}

namespace {

ModelFile flowModelFile(FlowModelImpl& model, const QJsonObject& metadata) {
    ModelFile file;
    file.kind = "flow2d";
    file.architecture = toJson(model.config());
    file.metadata = metadata;
    for (const auto& p : model.named_parameters(true)) file.tensors.emplace_back(p.key(), p.value());
    for (const auto& b : model.named_buffers(true)) file.tensors.emplace_back(b.key(), b.value());
    return file;
}

LoadedFlowModel flowModelFrom(const ModelFile& file, const std::string& path);

}  // namespace

void saveFlowModel(const std::string& path, FlowModelImpl& model, const QJsonObject& metadata) {
    writeModelFile(path, flowModelFile(model, metadata));
}

std::string flowModelBytes(FlowModelImpl& model, const QJsonObject& metadata) {
    return modelFileBytes(flowModelFile(model, metadata));
}

LoadedFlowModel loadFlowModel(const std::string& path) { return flowModelFrom(readModelFile(path), path); }

LoadedFlowModel loadFlowModelFromBytes(const std::string& bytes, const std::string& label) {
    return flowModelFrom(readModelFileFromBytes(bytes, label), label);
}

namespace {

LoadedFlowModel flowModelFrom(const ModelFile& file, const std::string& path) {
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a usable 2D flow: " + why);
    };
    if (file.kind != "flow2d") throw fail("it holds a '" + file.kind + "' model, not a 2D flow");
    FlowConfig config;
    try {
        config = flowConfigFromJson(file.architecture);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    // Shapes first: the header alone must never make us build (and allocate) a model.
    std::vector<HeldTensor> held;
    for (const auto& [name, t] : file.tensors) held.push_back({name, t.sizes().vec()});
    if (auto mismatch = firstArchitectureMismatch(flowParameterShapes(config), held)) throw fail(*mismatch);
    FlowModel model(config);
    torch::NoGradGuard noGrad;
    size_t expected = 0;
    auto load = [&](const std::string& name, torch::Tensor& dst) {
        ++expected;
        const torch::Tensor* src = file.find(name);
        if (!src) throw fail("tensor '" + name + "' is missing");
        if (!src->sizes().equals(dst.sizes()) || src->scalar_type() != dst.scalar_type()) {
            std::ostringstream msg;
            msg << "tensor '" << name << "' is " << src->sizes() << " " << src->dtype() << ", expected " << dst.sizes()
                << " " << dst.dtype();
            throw fail(msg.str());
        }
        dst.copy_(*src);
    };
    for (auto& p : model->named_parameters(true)) load(p.key(), p.value());
    for (auto& b : model->named_buffers(true)) load(b.key(), b.value());
    if (file.tensors.size() != expected)
        throw fail("it holds " + std::to_string(file.tensors.size()) + " tensors where the architecture has " +
                   std::to_string(expected));
    return {model, file.metadata};
}

}  // namespace

}  // namespace flowscope

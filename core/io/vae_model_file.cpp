#include "io/vae_model_file.h"

#include "io/architecture_check.h"
#include "io/model_file.h"
#include "io/printable.h"

#include <QJsonArray>

#include <cmath>
#include <sstream>

namespace flowscope {

namespace {

const std::string kStatePrefix = "training.";

QJsonArray toJsonArray(const std::vector<int64_t>& values) {
    QJsonArray a;
    for (int64_t v : values) a.append(static_cast<qint64>(v));
    return a;
}

int64_t integerField(const QJsonObject& j, const char* key) {
    const auto v = j.value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 1e9)
        throw std::invalid_argument(std::string("architecture field '") + key + "' is missing or not an integer");
    return static_cast<int64_t>(d);
}

std::vector<int64_t> widthsField(const QJsonObject& j, const char* key) {
    const auto v = j.value(key);
    if (!v.isArray() || v.toArray().size() > 8)
        throw std::invalid_argument(std::string("architecture field '") + key + "' must be a list of at most 8 widths");
    std::vector<int64_t> out;
    for (const auto& w : v.toArray()) {
        const double d = w.toDouble();
        if (!w.isDouble() || d != std::floor(d) || d < 1 || d > 8192)
            throw std::invalid_argument(std::string("architecture field '") + key +
                                        "' holds a width that is not 1…8192");
        out.push_back(static_cast<int64_t>(d));
    }
    return out;
}

template <typename Table>
auto kindField(const QJsonObject& j, const char* key, const Table& table) {
    const std::string name = j.value(key).toString().toStdString();
    const auto kind = kindFromName(table, name);
    if (!kind)
        throw std::invalid_argument(std::string("architecture field '") + key + "' must be " + kindNames(table) +
                                    ", got '" + printable(name) + "'");
    return *kind;
}

}  // namespace

QJsonObject toJson(const VaeConfig& c) {
    return QJsonObject{{"image_size", static_cast<qint64>(c.imageSize)},
                       {"latent", static_cast<qint64>(c.latent)},
                       {"flow", kindName(kVaeFlows, c.flow)},
                       {"layers", static_cast<qint64>(c.layers)},
                       {"amortised", c.amortised},
                       {"encoder_hidden", toJsonArray(c.encoderHidden)},
                       {"decoder_hidden", toJsonArray(c.decoderHidden)},
                       {"activation", kindName(kVaeActivations, c.activation)},
                       // A string: JSON numbers are doubles and would round a 64-bit seed.
                       {"seed", QString::number(c.seed)}};
}

VaeConfig vaeConfigFromJson(const QJsonObject& j) {
    VaeConfig c;
    c.imageSize = integerField(j, "image_size");
    c.latent = integerField(j, "latent");
    c.flow = kindField(j, "flow", kVaeFlows);
    c.layers = integerField(j, "layers");
    if (!j.value("amortised").isBool())
        throw std::invalid_argument("architecture field 'amortised' must be true or false");
    c.amortised = j.value("amortised").toBool();
    c.encoderHidden = widthsField(j, "encoder_hidden");
    c.decoderHidden = widthsField(j, "decoder_hidden");
    c.activation = kindField(j, "activation", kVaeActivations);
    bool ok = true;
    c.seed = j.value("seed").toString("0").toULongLong(&ok);
    if (!ok) throw std::invalid_argument("architecture field 'seed' is not an unsigned integer");
    validate(c);
    return c;
}

void saveVaeModel(const std::string& path, VaeModelImpl& model, const VaeFileExtras& extras) {
    ModelFile file;
    file.kind = "vae";
    file.architecture = toJson(model.config());
    file.metadata = extras.metadata;
    for (const auto& p : model.named_parameters(true)) file.tensors.emplace_back(p.key(), p.value().detach().cpu());
    for (const auto& [name, t] : extras.trainingState) file.tensors.emplace_back(kStatePrefix + name, t);
    writeModelFile(path, file);
}

LoadedVaeModel loadVaeModel(const std::string& path) {
    ModelFile file = readModelFile(path);
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a usable VAE model: " + why);
    };
    if (file.kind != "vae") throw fail("it holds a '" + printable(file.kind) + "' model, not a VAE");
    VaeConfig config;
    ParameterShapes shapes;
    try {
        config = vaeConfigFromJson(file.architecture);
        shapes = vaeParameterShapes(config);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    // Shapes first: the header alone must never make us build (and allocate) a model.
    std::vector<HeldTensor> held;
    for (const auto& [name, t] : file.tensors) held.push_back({name, t.sizes().vec()});
    auto isState = [](const std::string& name) { return name.rfind(kStatePrefix, 0) == 0; };
    if (auto mismatch = firstArchitectureMismatch(shapes, held, isState)) throw fail(*mismatch);
    LoadedVaeModel out;
    out.model = VaeModel(config);
    torch::NoGradGuard noGrad;
    for (auto& p : out.model->named_parameters(true)) {
        const torch::Tensor* src = file.find(p.key());
        if (!src || !src->sizes().equals(p.value().sizes()))
            throw fail("tensor '" + p.key() + "' is missing or misshapen");
        p.value().copy_(src->to(p.value().scalar_type()));
    }
    out.extras.metadata = file.metadata;
    for (const auto& [name, t] : file.tensors)
        if (isState(name)) out.extras.trainingState[name.substr(kStatePrefix.size())] = t;
    return out;
}

}  // namespace flowscope

#include "io/glow_model_file.h"

#include "glow/glow_parameter_shapes.h"
#include "glow/invertible_conv.h"
#include "io/architecture_check.h"
#include "io/model_file.h"
#include "io/printable.h"

#include <QJsonArray>

#include <sstream>

namespace flowscope {

namespace {
const std::string kAttributePrefix = "attributes.";
const std::string kStatePrefix = "training.";
}  // namespace

QJsonObject toJson(const GlowConfig& c) {
    return QJsonObject{{"in_channels", static_cast<qint64>(c.inChannels)},
                       {"image_size", static_cast<qint64>(c.imageSize)},
                       {"levels", static_cast<qint64>(c.levels)},
                       {"steps", static_cast<qint64>(c.steps)},
                       {"hidden", static_cast<qint64>(c.hidden)},
                       {"coupling", c.affine ? "affine" : "additive"},
                       {"permutation", kindName(kGlowPermutations, c.permutation)},
                       {"conv", c.lu ? "lu" : "plain"},
                       {"lu_in_last_level", c.luInLastLevel},
                       {"zero_conv_padding", c.onesPadding ? "ones" : "zeros"},
                       {"n_bits", static_cast<qint64>(c.nBits)}};
}

GlowConfig glowConfigFromJson(const QJsonObject& j) {
    auto integer = [&](const char* key) {
        const auto v = j.value(key);
        if (!v.isDouble())
            throw std::invalid_argument(std::string("architecture field '") + key + "' is missing or not a number");
        return static_cast<int64_t>(v.toDouble());
    };
    GlowConfig c;
    c.inChannels = integer("in_channels");
    c.imageSize = integer("image_size");
    c.levels = integer("levels");
    c.steps = integer("steps");
    c.hidden = integer("hidden");
    c.nBits = integer("n_bits");
    const QString coupling = j.value("coupling").toString();
    if (coupling != "affine" && coupling != "additive")
        throw std::invalid_argument("architecture field 'coupling' must be affine or additive");
    c.affine = coupling == "affine";
    const QString conv = j.value("conv").toString();
    if (conv != "lu" && conv != "plain") throw std::invalid_argument("architecture field 'conv' must be lu or plain");
    c.lu = conv == "lu";
    // Files from before the ablation have no permutation field: they all use the 1×1 convolution.
    const QString permutation = j.value("permutation").toString("conv1x1");
    const auto kind = kindFromName(kGlowPermutations, permutation.toStdString());
    if (!kind)
        throw std::invalid_argument("architecture field 'permutation' must be " + kindNames(kGlowPermutations) +
                                    ", got '" + printable(permutation.toStdString()) + "'");
    c.permutation = *kind;
    c.luInLastLevel = j.value("lu_in_last_level").toBool(true);
    const QString padding = j.value("zero_conv_padding").toString("ones");  // absent before y0ast imports
    if (padding != "ones" && padding != "zeros")
        throw std::invalid_argument("architecture field 'zero_conv_padding' must be ones or zeros");
    c.onesPadding = padding == "ones";
    validate(c);
    return c;
}

void saveGlowModel(const std::string& path, GlowModelImpl& model, const GlowFileExtras& extras) {
    ModelFile file;
    file.kind = "glow";
    file.architecture = toJson(model.config());
    file.metadata = extras.metadata;
    QJsonArray attributes;
    for (const auto& a : extras.attributes) {
        attributes.append(QJsonObject{{"name", QString::fromStdString(a.name)},
                                      {"positives", static_cast<qint64>(a.positives)},
                                      {"negatives", static_cast<qint64>(a.negatives)},
                                      {"source", QString::fromStdString(a.source)},
                                      {"scale", a.scale}});
    }
    file.metadata["attributes"] = attributes;
    for (const auto& p : model.named_parameters(true)) file.tensors.emplace_back(p.key(), p.value());
    for (const auto& b : model.named_buffers(true)) file.tensors.emplace_back(b.key(), b.value());
    for (const auto& a : extras.attributes)
        for (size_t l = 0; l < a.levels.size(); ++l)
            file.tensors.emplace_back(kAttributePrefix + a.name + "." + std::to_string(l), a.levels[l]);
    for (const auto& [name, t] : extras.trainingState) file.tensors.emplace_back(kStatePrefix + name, t);
    writeModelFile(path, file);
}

LoadedGlowModel loadGlowModel(const std::string& path) {
    ModelFile file = readModelFile(path);
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a usable Glow model: " + why);
    };
    if (file.kind != "glow") throw fail("it holds a '" + file.kind + "' model, not a Glow model");
    GlowConfig config;
    try {
        config = glowConfigFromJson(file.architecture);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    // Shapes first: the header alone must never make us build (and allocate) a model.
    std::vector<HeldTensor> held;
    for (const auto& [name, t] : file.tensors) held.push_back({name, t.sizes().vec()});
    auto isExtra = [](const std::string& name) {
        return name.rfind(kAttributePrefix, 0) == 0 || name.rfind(kStatePrefix, 0) == 0;
    };
    if (auto mismatch = firstArchitectureMismatch(glowParameterShapes(config), held, isExtra)) throw fail(*mismatch);
    LoadedGlowModel out;
    out.model = GlowModel(config);
    torch::NoGradGuard noGrad;
    size_t used = 0;
    auto load = [&](const std::string& name, torch::Tensor& dst) {
        const torch::Tensor* src = file.find(name);
        if (!src) throw fail("tensor '" + name + "' is missing");
        if (!src->sizes().equals(dst.sizes())) {
            std::ostringstream msg;
            msg << "tensor '" << name << "' is " << src->sizes() << ", expected " << dst.sizes();
            throw fail(msg.str());
        }
        dst.copy_(src->to(dst.scalar_type()));
        ++used;
    };
    for (auto& p : out.model->named_parameters(true)) load(p.key(), p.value());
    for (auto& b : out.model->named_buffers(true)) {
        load(b.key(), b.value());
        const std::string suffix = ".invconv.indices";
        if (b.key().size() > suffix.size() &&
            b.key().compare(b.key().size() - suffix.size(), suffix.size(), suffix) == 0 && !isPermutation(b.value()))
            throw fail("tensor '" + b.key() + "' is not a permutation of the channels");
    }

    out.extras.metadata = file.metadata;
    for (const auto& v : file.metadata.value("attributes").toArray()) {
        const QJsonObject o = v.toObject();
        AttributeVector a;
        a.name = o.value("name").toString().toStdString();
        if (a.name.empty()) throw fail("an attribute vector has no name");
        a.positives = static_cast<int64_t>(o.value("positives").toDouble());
        a.negatives = static_cast<int64_t>(o.value("negatives").toDouble());
        a.source = o.value("source").toString().toStdString();
        a.scale = o.value("scale").toDouble(1.0);
        for (int64_t l = 0; l < config.levels; ++l) {
            const std::string key = kAttributePrefix + a.name + "." + std::to_string(l);
            const torch::Tensor* t = file.find(key);
            const auto shape = out.model->latentShape(l);
            if (!t || !t->sizes().equals(shape))
                throw fail("attribute vector '" + a.name + "' is missing level " + std::to_string(l) +
                           " or has the wrong shape");
            a.levels.push_back(t->to(torch::kFloat32));
            ++used;
        }
        out.extras.attributes.push_back(std::move(a));
    }
    out.extras.metadata.remove("attributes");
    for (const auto& [name, t] : file.tensors)
        if (name.rfind(kStatePrefix, 0) == 0) {
            out.extras.trainingState[name.substr(kStatePrefix.size())] = t;
            ++used;
        }
    if (used != file.tensors.size())
        throw fail("it holds " + std::to_string(file.tensors.size() - used) + " tensors the architecture does not use");
    return out;
}

}  // namespace flowscope

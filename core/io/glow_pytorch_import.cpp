#include "io/glow_pytorch_import.h"

#include "glow/glow_parameter_shapes.h"
#include "io/architecture_check.h"
#include "io/model_file.h"
#include "io/torch_checkpoint_reader.h"

#include <QFileInfo>

#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace flowscope {

LoadedGlowModel importGlowPytorch(const std::string& path, const GlowImportOptions& options) {
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a supported glow-pytorch checkpoint: " + why);
    };
    std::vector<NamedTensor> entries = readTorchStateDict(path);
    if (entries.empty()) throw fail("it holds no tensors");
    // DataParallel prefixes every key with "module.".
    bool prefixed = true;
    for (const auto& e : entries) prefixed = prefixed && e.name.rfind("module.", 0) == 0;
    std::map<std::string, torch::Tensor> tensors;
    for (auto& e : entries) tensors[prefixed ? e.name.substr(7) : e.name] = e.tensor;
    auto get = [&](const std::string& key) -> const torch::Tensor& {
        auto it = tensors.find(key);
        if (it == tensors.end()) throw fail("it has no '" + key + "' entry");
        return it->second;
    };

    // Infer the architecture from the keys.
    const std::regex blockKey(R"(^blocks\.(\d+)\.flows\.(\d+)\.)");
    int64_t levels = 0, steps = 0;
    for (const auto& [k, t] : tensors) {
        std::smatch m;
        if (std::regex_search(k, m, blockKey)) {
            levels = std::max<int64_t>(levels, std::stoll(m[1]) + 1);
            if (m[1] == "0") steps = std::max<int64_t>(steps, std::stoll(m[2]) + 1);
        }
    }
    if (levels == 0 || steps == 0) throw fail("it has no 'blocks.<l>.flows.<k>.' entries (is it a Glow state dict?)");
    GlowConfig c;
    c.levels = levels;
    c.steps = steps;
    const auto& loc = get("blocks.0.flows.0.actnorm.loc");
    if (loc.dim() != 4 || loc.size(1) % 4 != 0) throw fail("'blocks.0.flows.0.actnorm.loc' has an unexpected shape");
    c.inChannels = loc.size(1) / 4;
    const auto& net0 = get("blocks.0.flows.0.coupling.net.0.weight");
    if (net0.dim() != 4) throw fail("'blocks.0.flows.0.coupling.net.0.weight' is not a convolution weight");
    c.hidden = net0.size(0);
    const auto& out = get("blocks.0.flows.0.coupling.net.4.conv.weight");
    c.affine = out.size(0) == loc.size(1);
    c.lu = tensors.count("blocks.0.flows.0.invconv.w_l") > 0;
    c.luInLastLevel = tensors.count("blocks." + std::to_string(levels - 1) + ".flows.0.invconv.w_l") > 0;
    c.imageSize = options.imageSize;
    c.nBits = options.nBits;
    try {
        validate(c);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    // Shapes first: keys like blocks.7.flows.63.* must not make us build a model the file has
    // no weights for.
    std::vector<HeldTensor> held;
    for (const auto& [k, t] : tensors) held.push_back({k, t.sizes().vec()});
    if (auto mismatch = firstArchitectureMismatch(glowParameterShapes(c), held)) throw fail(*mismatch);

    LoadedGlowModel result;
    result.model = GlowModel(c);
    torch::NoGradGuard noGrad;
    std::set<std::string> used;
    auto load = [&](const std::string& key, torch::Tensor& dst) {
        const torch::Tensor& src = get(key);
        // glow-pytorch's ActNorm flag is a uint8 scalar; everything else must match exactly.
        if (src.numel() != dst.numel() || (src.dim() != 0 && !src.sizes().equals(dst.sizes()))) {
            std::ostringstream msg;
            msg << "'" << key << "' has shape " << src.sizes() << " where this architecture needs " << dst.sizes();
            throw fail(msg.str());
        }
        auto value = src.to(dst.scalar_type()).reshape(dst.sizes());
        if (value.is_floating_point() && !torch::isfinite(value).all().item<bool>())
            throw fail("'" + key + "' holds NaN or infinite values");
        dst.copy_(value);
        used.insert(key);
    };
    for (auto& p : result.model->named_parameters(true)) load(p.key(), p.value());
    for (auto& b : result.model->named_buffers(true)) load(b.key(), b.value());
    for (const auto& [k, t] : tensors)
        if (!used.count(k)) throw fail("it has an entry '" + k + "' that the inferred architecture does not use");

    result.extras.metadata = QJsonObject{{"source", "glow-pytorch"},
                                         {"imported_from", QFileInfo(QString::fromStdString(path)).fileName()},
                                         {"image_size", static_cast<qint64>(c.imageSize)},
                                         {"n_bits", static_cast<qint64>(c.nBits)}};
    return result;
}

}  // namespace flowscope

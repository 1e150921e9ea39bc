#include "io/y0ast_glow_import.h"

#include "glow/glow_block.h"
#include "glow/glow_coupling.h"
#include "glow/glow_step.h"
#include "io/atomic_file.h"
#include "io/model_file.h"
#include "io/printable.h"
#include "io/torch_checkpoint_reader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace flowscope {

namespace {

constexpr size_t kMaxHparamsBytes = 64 * 1024;

/// Channel orders: that project interleaves what glow-pytorch (and FlowScope) keeps in halves.
/// `oddFirst`: halves = (1, 3, 5, …), (0, 2, 4, …) (a coupling's scale logits, then its shift);
/// otherwise (0, 2, …), (1, 3, …) (a prior's mean, then its log-scale).
torch::Tensor deinterleave(int64_t channels, bool oddFirst) {
    std::vector<int64_t> order;
    for (int first : {oddFirst ? 1 : 0, oddFirst ? 0 : 1})
        for (int64_t c = first; c < channels; c += 2) order.push_back(c);
    return torch::tensor(order, torch::kLong);
}

}  // namespace

LoadedGlowModel importY0astGlow(const std::string& path, const Y0astImportOptions& options) {
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a y0ast/Glow-PyTorch checkpoint FlowScope can import: " + why);
    };
    std::map<std::string, torch::Tensor> tensors;
    for (auto& e : readTorchStateDict(path)) tensors[e.name] = e.tensor;
    if (tensors.count("module.prior_h"))
        throw fail("its keys start with 'module.' (a DataParallel wrapper; save model.module instead)");
    std::set<std::string> used;
    auto get = [&](const std::string& key) -> const torch::Tensor& {
        auto it = tensors.find(key);
        if (it == tensors.end()) throw fail("it has no '" + key + "' entry");
        used.insert(key);
        return it->second;
    };
    auto has = [&](const std::string& key) { return tensors.count(key) > 0; };

    // The settings file, when there is one (its keys are checked against the tensors below).
    QJsonObject hparams;
    std::string hparamsPath = options.hparamsPath;
    if (hparamsPath.empty()) {
        const QString beside = QFileInfo(QString::fromStdString(path)).dir().filePath("hparams.json");
        if (QFileInfo(beside).isFile()) hparamsPath = beside.toStdString();
    }
    if (!hparamsPath.empty()) {
        std::string text;
        try {
            text = readWholeFile(hparamsPath, kMaxHparamsBytes);
        } catch (const std::exception& e) {
            throw ModelFileError(e.what());
        }
        QJsonParseError error{};
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        if (!doc.isObject())
            throw ModelFileError("'" + hparamsPath + "' is not a JSON object of settings (" +
                                 error.errorString().toStdString() + ")");
        hparams = doc.object();
    }
    if (hparams.value("y_condition").toBool(false) || has("project_ycond.conv.weight") || has("project_class.weight"))
        throw fail("it is class-conditional (y_condition), which FlowScope does not support");

    // Levels and steps from the layer indices: level i holds a squeeze at i·(K+2), K steps, then
    // (below the top) a Split2d at i·(K+2) + K + 1.
    const std::regex stepKey(R"(^flow\.layers\.(\d+)\.actnorm\.bias$)");
    std::vector<int64_t> stepLayers;
    for (const auto& [k, t] : tensors) {
        std::smatch m;
        if (std::regex_match(k, m, stepKey)) {
            if (m[1].length() > 5) throw fail("it has an absurd layer index in '" + printable(k) + "'");
            stepLayers.push_back(std::stoll(m[1]));
        }
    }
    if (stepLayers.empty()) throw fail("it has no 'flow.layers.<n>.actnorm.bias' entries (is it a Glow state dict?)");
    std::sort(stepLayers.begin(), stepLayers.end());
    int64_t steps = 0;
    while (steps < static_cast<int64_t>(stepLayers.size()) && stepLayers[size_t(steps)] == steps + 1) ++steps;
    if (steps == 0 || stepLayers.size() % size_t(steps) != 0)
        throw fail("its flow steps are not laid out as levels of equally many steps");
    const int64_t levels = static_cast<int64_t>(stepLayers.size()) / steps;
    for (size_t n = 0; n < stepLayers.size(); ++n)
        if (stepLayers[n] != static_cast<int64_t>(n) / steps * (steps + 2) + 1 + static_cast<int64_t>(n) % steps)
            throw fail("its flow steps are not laid out as levels of equally many steps");
    auto hint = [&](const char* key, int64_t value) {
        if (hparams.contains(key) && hparams.value(key).toDouble(-1) != static_cast<double>(value))
            throw fail(std::string("its hparams.json says ") + key + " = " +
                       std::to_string(hparams.value(key).toDouble()) + " but its tensors hold " +
                       std::to_string(value));
    };
    hint("K", steps);
    hint("L", levels);

    GlowConfig c;
    c.levels = levels;
    c.steps = steps;
    c.nBits = 8;  // that project's data pipeline
    c.onesPadding = false;
    const auto& bias0 = get("flow.layers.1.actnorm.bias");
    if (bias0.dim() != 4 || bias0.size(1) % 4 != 0) throw fail("'flow.layers.1.actnorm.bias' has an unexpected shape");
    c.inChannels = bias0.size(1) / 4;
    const auto& conv0 = get("flow.layers.1.block.0.conv.weight");
    if (conv0.dim() != 4) throw fail("'flow.layers.1.block.0.conv.weight' is not a convolution weight");
    c.hidden = conv0.size(0);
    hint("hidden_channels", c.hidden);
    const auto& out0 = get("flow.layers.1.block.4.conv.weight");
    c.affine = out0.dim() == 4 && out0.size(0) == bias0.size(1);
    const QString coupling = hparams.value("flow_coupling").toString(c.affine ? "affine" : "additive");
    if (coupling != (c.affine ? "affine" : "additive"))
        throw fail("its hparams.json says flow_coupling = " + printable(coupling.toStdString()) +
                   " but its coupling layers are " + (c.affine ? "affine" : "additive"));
    const bool invconv = has("flow.layers.1.invconv.lower") || has("flow.layers.1.invconv.weight");
    QString permutation = hparams.value("flow_permutation").toString(invconv ? "invconv" : "");
    if (invconv != (permutation == "invconv"))
        throw fail("its hparams.json says flow_permutation = " + printable(permutation.toStdString()) +
                   " but its tensors " + (invconv ? "hold" : "lack") + " 1×1 convolutions");
    if (permutation == "shuffle")
        throw fail(
            "it uses the shuffle permutation, whose indices that project does not save, so it cannot be "
            "reproduced");
    if (permutation.isEmpty())
        throw fail("its permutation (reverse or shuffle) is not recorded: give its hparams.json");
    if (permutation != "invconv" && permutation != "reverse")
        throw fail("its hparams.json names an unknown flow_permutation '" + printable(permutation.toStdString()) + "'");
    c.permutation = invconv ? GlowPermutation::Conv1x1 : GlowPermutation::Reverse;
    c.lu = has("flow.layers.1.invconv.lower");
    c.luInLastLevel = c.lu;
    if (hparams.contains("LU_decomposed") && hparams.value("LU_decomposed").toBool() != c.lu && invconv)
        throw fail("its hparams.json and its 1×1 convolutions disagree about LU_decomposed");

    // Image size from the top prior's input buffer.
    const auto& priorH = get("prior_h");
    const int64_t topChannels = c.inChannels << (levels + 1);  // the top level's 4·C_in·2^(L−1)
    if (priorH.dim() != 4 || priorH.size(0) != 1 || priorH.size(1) != 2 * topChannels ||
        priorH.size(2) != priorH.size(3) || priorH.size(2) < 1 || priorH.size(2) > 512)
        throw fail("its 'prior_h' has an unexpected shape");
    c.imageSize = priorH.size(2) << levels;
    if (options.imageSize > 0 && options.imageSize != c.imageSize)
        throw fail("its tensors are for " + std::to_string(c.imageSize) + "×" + std::to_string(c.imageSize) +
                   " images, not " + std::to_string(options.imageSize));
    if (priorH.abs().max().item<double>() != 0.0)
        throw fail("its 'prior_h' is not zero (that project keeps it zero), which FlowScope cannot reproduce");
    try {
        validate(c);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }

    LoadedGlowModel result;
    result.model = GlowModel(c);
    torch::NoGradGuard noGrad;
    auto expect = [&](const std::string& key, const torch::Tensor& t,
                      std::vector<int64_t> shape) -> const torch::Tensor& {
        if (!t.sizes().equals(shape)) {
            std::ostringstream msg;
            msg << "'" << key << "' has shape " << t.sizes() << " where this architecture needs "
                << torch::IntArrayRef(shape);
            throw fail(msg.str());
        }
        return t;
    };
    auto take = [&](const std::string& key, std::vector<int64_t> shape) -> torch::Tensor {
        return expect(key, get(key), std::move(shape)).to(torch::kFloat32);
    };
    auto assign = [](torch::Tensor& dst, const torch::Tensor& src) { dst.copy_(src.reshape(dst.sizes())); };
    // A convolution without bias followed by ActNorm, (W x + b)·e^s, as one convolution.
    auto foldActNorm = [&](const std::string& prefix, torch::nn::Conv2d& conv) {
        const auto& w = conv->weight;
        const int64_t out = w.size(0);
        auto weight = take(prefix + ".conv.weight", w.sizes().vec());
        auto b = take(prefix + ".actnorm.bias", {1, out, 1, 1}).flatten();
        auto scale = torch::exp(take(prefix + ".actnorm.logs", {1, out, 1, 1}).flatten());
        assign(conv->weight, weight * scale.view({out, 1, 1, 1}));
        assign(conv->bias, b * scale);
    };
    auto zeroConv = [&](const std::string& prefix, ZeroConv2dImpl& zero, const torch::Tensor& order) {
        const int64_t out = zero.conv->weight.size(0);
        assign(zero.conv->weight,
               take(prefix + ".conv.weight", zero.conv->weight.sizes().vec()).index_select(0, order));
        assign(zero.conv->bias, take(prefix + ".conv.bias", {out}).index_select(0, order));
        assign(zero.scale, take(prefix + ".logs", {out, 1, 1}).index_select(0, order));
    };

    for (int64_t l = 0; l < levels; ++l) {
        auto& block = *result.model->blocks[size_t(l)]->as<GlowBlockImpl>();
        for (int64_t k = 0; k < steps; ++k) {
            const std::string p = "flow.layers." + std::to_string(l * (steps + 2) + 1 + k) + ".";
            auto& step = *block.flows[size_t(k)]->as<GlowStepImpl>();
            const int64_t ch = step.actnorm->loc.size(1);
            assign(step.actnorm->loc, take(p + "actnorm.bias", {1, ch, 1, 1}));
            assign(step.actnorm->scale, torch::exp(take(p + "actnorm.logs", {1, ch, 1, 1})));
            step.actnorm->initialized.fill_(1);
            if (auto* lu = dynamic_cast<InvConvLUImpl*>(step.invconv.get())) {
                assign(lu->w_p, take(p + "invconv.p", {ch, ch}));
                assign(lu->w_l, take(p + "invconv.lower", {ch, ch}));
                assign(lu->w_u, take(p + "invconv.upper", {ch, ch}));
                assign(lu->w_s, take(p + "invconv.log_s", {ch}));
                assign(lu->s_sign, take(p + "invconv.sign_s", {ch}));
            } else if (auto* plain = dynamic_cast<InvConvPlainImpl*>(step.invconv.get())) {
                assign(plain->weight4d, take(p + "invconv.weight", {ch, ch}));
            }  // reverse: nothing stored, the indices are C−1 … 0 in both projects
            auto& coupling = *step.coupling;
            foldActNorm(p + "block.0", coupling.conv1);
            foldActNorm(p + "block.2", coupling.conv2);
            zeroConv(p + "block.4", *coupling.zero,
                     c.affine ? deinterleave(ch, true) : torch::arange(ch / 2, torch::kLong));
        }
        if (l + 1 < levels) {
            zeroConv("flow.layers." + std::to_string(l * (steps + 2) + steps + 1) + ".conv", *block.priorNet,
                     deinterleave(block.priorNet->conv->weight.size(0), false));
        } else if (has("learn_top_fn.conv.bias")) {
            // Applied to the zero prior_h with zero padding, the learned top prior is its bias
            // times exp(3·logs) everywhere; the split into mean and log-scale is "split" (halves).
            auto& top = *block.priorNet;
            const int64_t out = top.conv->weight.size(0);
            expect("learn_top_fn.conv.weight", get("learn_top_fn.conv.weight"), {out, out, 3, 3});
            top.conv->weight.zero_();
            assign(top.conv->bias, take("learn_top_fn.conv.bias", {out}));
            assign(top.scale, take("learn_top_fn.logs", {out, 1, 1}));
        }
    }
    for (const auto& [k, t] : tensors)
        if (!used.count(k))
            throw fail("it has an entry '" + printable(k) + "' that the inferred architecture does not use");
    for (const auto& p : result.model->parameters())
        if (!torch::isfinite(p).all().item<bool>()) throw fail("it holds NaN or infinite values");

    result.extras.metadata = QJsonObject{{"source", "y0ast/Glow-PyTorch"},
                                         {"imported_from", QFileInfo(QString::fromStdString(path)).fileName()},
                                         {"image_size", static_cast<qint64>(c.imageSize)},
                                         {"n_bits", static_cast<qint64>(c.nBits)}};
    if (!hparamsPath.empty()) result.extras.metadata["hparams"] = hparams;
    return result;
}

}  // namespace flowscope

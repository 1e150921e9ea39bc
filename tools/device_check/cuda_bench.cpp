// Device check (built by tools/device_check/build_and_run.sh, not by CMake): FlowScope's Qt-free
// core against a CUDA LibTorch. Trains and decodes the bench-glow configuration with device
// "auto" (which must pick CUDA), checks the GPU round trip against the CPU, and times a 64-px
// shipped-size decode (the slider path).
#include "faces/face_renderer.h"
#include "glow/glow_data.h"
#include "glow/glow_trainer.h"
#include "glow/latent_editing.h"
#include "train/trainer_2d.h"
#include "util/random.h"
#include <chrono>
#include <cstdio>
using namespace flowscope;
using Clock = std::chrono::steady_clock;
static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
static void syncDevice() {
    if (torch::cuda::is_available()) torch::cuda::synchronize();
}

static void benchGlow(int64_t batch, bool affine, int64_t size, int64_t levels, int64_t hidden, int iters) {
    GlowConfig c;
    c.imageSize = size;
    c.levels = levels;
    c.steps = 8;
    c.hidden = hidden;
    c.affine = affine;
    GlowTrainConfig tc;
    tc.batch = batch;
    tc.device = "auto";
    tc.iterations = iters + 3;
    GlowModel model(c, 1);
    GlowTrainer trainer(model, std::make_shared<FaceImageSource>(c.imageSize, 0), tc);
    trainer.step();
    trainer.step();
    trainer.step();
    syncDevice();
    auto t0 = Clock::now();
    double bpd = 0;
    for (int i = 0; i < iters; ++i) bpd = trainer.step().bitsPerDim;
    syncDevice();
    const double secs = since(t0);
    torch::NoGradGuard ng;
    model->eval();
    auto gen = makeGenerator(1);
    model->sample(16, {0.7}, gen);
    syncDevice();
    auto t1 = Clock::now();
    for (int r = 0; r < 10; ++r) model->sample(16, {0.7}, gen);
    syncDevice();
    std::printf(
        "{\"bench\":\"glow\",\"device\":\"%s\",\"image_size\":%lld,\"levels\":%lld,\"hidden\":%lld,\"affine\":%s,\"batch\":%lld,"
        "\"train_images_per_s\":%.1f,\"decode_batch_ms\":%.2f,\"last_bpd\":%.3f}\n",
        trainer.device().str().c_str(), (long long)size, (long long)levels, (long long)hidden,
        affine ? "true" : "false", (long long)batch, iters * batch / secs, 1e3 * since(t1) / 10, bpd);
    std::fflush(stdout);
}

int main() {
    std::printf("cuda available: %d, devices: %d, auto resolves to: %s\n", (int)torch::cuda::is_available(),
                (int)torch::cuda::device_count(), resolveDevice("auto", true).str().c_str());
    // The same model on CPU and GPU: encode/decode agree, and the GPU round trip is exact.
    {
        GlowConfig c;
        c.imageSize = 32;
        c.levels = 3;
        c.steps = 4;
        c.hidden = 64;
        GlowModel m(c, 3);
        auto x = toModelSpace(unitToUint8(sampleFaces(0, 8, 32, 5).images), c.nBits);
        m->encode(x);  // ActNorm init on the CPU
        torch::NoGradGuard ng;
        m->eval();
        auto e = m->encode(x);
        m->to(torch::kCUDA);
        auto eg = m->encode(x.to(torch::kCUDA));
        const double dlogp = (eg.logP.cpu() - e.logP).abs().max().item<double>() / e.logP.abs().max().item<double>();
        const double recon = (m->decodeNoise(eg.eps) - x.to(torch::kCUDA)).abs().max().item<double>();
        std::printf("cpu vs cuda log p relative difference %.2e; cuda reconstruction max error %.2e\n", dlogp, recon);
    }
    benchGlow(16, true, 32, 3, 512, 30);  // the bench-glow configuration
    benchGlow(64, true, 32, 3, 512, 20);
    benchGlow(16, false, 64, 4, 128, 30);  // the shipped model's architecture
    // Slider path: one 64-px face, shipped architecture, decode latency.
    {
        GlowConfig c;
        c.imageSize = 64;
        c.levels = 4;
        c.steps = 8;
        c.hidden = 128;
        c.affine = false;
        GlowModel m(c, 1);
        auto x = toModelSpace(unitToUint8(sampleFaces(0, 1, 64, 9).images), c.nBits);
        m->encode(x);
        m->to(torch::kCUDA);
        torch::NoGradGuard ng;
        m->eval();
        auto eps = m->encode(x.to(torch::kCUDA)).eps;
        m->decodeNoise(eps);
        syncDevice();
        auto t = Clock::now();
        for (int i = 0; i < 20; ++i) m->decodeNoise(eps);
        syncDevice();
        std::printf("{\"bench\":\"edit_latency\",\"device\":\"cuda\",\"ms\":%.2f}\n", 1e3 * since(t) / 20);
    }
}

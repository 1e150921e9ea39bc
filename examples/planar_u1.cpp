// A 32-layer planar flow trained by reverse KL on the energy U1 (Rezende & Mohamed 2015, §6.1,
// Figure 3), with FlowScope's core used as a library. Prints one JSON object:
//   {"target":"U1","flow":"planar","layers":32,"steps":…,"kl":…,"ess":…,"seconds":…}
// Usage: planar_u1 [--steps N] [--seed S] [--expect-kl-below K]
// With --expect-kl-below it exits 1 when the trained KL is not below K (the install test uses it).
#include "flow/flow_model_2d.h"
#include "targets/energy.h"
#include "train/trainer_2d.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    try {
        flowscope::TrainConfig train;
        train.steps = 5000;
        double expectKlBelow = std::nan("");
        for (int i = 1; i < argc; ++i) {
            const bool hasValue = i + 1 < argc;
            if (!std::strcmp(argv[i], "--steps") && hasValue) {
                train.steps = std::stoll(argv[++i]);
            } else if (!std::strcmp(argv[i], "--seed") && hasValue) {
                train.seed = std::stoull(argv[++i]);
            } else if (!std::strcmp(argv[i], "--expect-kl-below") && hasValue) {
                expectKlBelow = std::stod(argv[++i]);
            } else {
                std::fprintf(
                    stderr,
                    "planar_u1: unknown argument '%s' (usage: planar_u1 [--steps N] [--seed S] [--expect-kl-below K])\n",
                    argv[i]);
                return 2;
            }
        }
        flowscope::FlowConfig flow;
        flow.flow = flowscope::FlowKind::Planar;
        flow.layers = 32;
        flow.seed = train.seed;
        flowscope::Trainer2D trainer(flowscope::FlowModel(flow),
                                     flowscope::TrainingTarget::energy(flowscope::Energy::fromName("U1")), train);
        const flowscope::TrainProgress done = trainer.run(nullptr, nullptr);
        std::printf(
            "{\"target\":\"U1\",\"flow\":\"planar\",\"layers\":%lld,\"steps\":%lld,\"kl\":%.6f,"
            "\"ess\":%.6f,\"seconds\":%.3f}\n",
            static_cast<long long>(flow.layers), static_cast<long long>(done.step), done.evaluation->kl,
            done.evaluation->ess, done.seconds);
        const double kl = done.evaluation->kl;
        if (!std::isnan(expectKlBelow) && !(kl < expectKlBelow)) {
            std::fprintf(stderr, "planar_u1: KL %.6f is not below the expected %.6f\n", kl, expectKlBelow);
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "planar_u1: %s\n", e.what());
        return 1;
    }
}

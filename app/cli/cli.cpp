#include "cli/cli.h"

#include "cli/arguments.h"
#include "cli/commands.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <torch/torch.h>

#include <cstdio>
#include <iostream>

#ifndef FLOWSCOPE_VERSION
#define FLOWSCOPE_VERSION "0.0.0"
#endif

namespace flowscope::cli {

namespace {

const char* const kUsage = R"(usage: flowscope-cli <command> [options]

Normalizing flows from the command line (FlowScope's headless half).

commands:
  train2d     train a 2D flow on an energy (reverse KL) or on points (maximum likelihood)
  density2d   exact per-step densities and log-dets of a trained 2D flow on a grid; --probe: one point's ledger
  glow        Glow image flows: train, sample, logp, import (glow-pytorch), info
  vae         the Flow-ELBO: train, eval, posterior (exact, 2-D latents), table (the paper's Table 2)
  animate     a 2D flow's Play sequence (z_0 → z_K, exact densities) as an animated GIF
  langevin    the Langevin flow's density by its Fokker–Planck equation: KL to the target over time
  bench 2d    training and grid-evaluation speed, as JSON lines
  bench glow  Glow training images/s and decoding time, as JSON
  bench vae   Flow-ELBO training steps/s and the 2-D posterior grid's time, as JSON
  faces export  the built-in synthetic faces (known smile, age, …) as a CelebA-style folder

  flowscope-cli <command> --help   shows a command's options
  flowscope-cli --version          prints the version and the compute devices

Errors print one line on stderr and exit with status 2.
)";

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

int fail(const std::string& message, bool usage) {
    std::cerr << "flowscope-cli: " << oneLine(message);
    if (usage) std::cerr << " (see flowscope-cli --help)";
    std::cerr << std::endl;
    return 2;
}

bool wantsHelp(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") return true;
    return false;
}

}  // namespace

void printJsonLine(const QJsonObject& object) {
    std::cout << QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString() << std::endl;
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) {
            std::cerr << kUsage;
            return 2;
        }
        const std::string command = args.front();
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version") {
            std::cout << "flowscope-cli " << FLOWSCOPE_VERSION << " (LibTorch " << TORCH_VERSION << ", "
                      << (torch::cuda::is_available() ? "CUDA available" : "CPU only") << ")" << std::endl;
            return 0;
        }
        if (command == "train2d") {
            if (wantsHelp(rest)) return std::cout << train2dHelp(), 0;
            return runTrain2d(rest);
        }
        if (command == "density2d") {
            if (wantsHelp(rest)) return std::cout << kDensity2dHelp, 0;
            return runDensity2d(rest);
        }
        if (command == "bench") {
            if (wantsHelp(rest)) return std::cout << kBenchHelp, 0;
            return runBench(rest);
        }
        if (command == "glow") {
            if (wantsHelp(rest)) return std::cout << kGlowHelp, 0;
            return runGlow(rest);
        }
        if (command == "vae") {
            if (wantsHelp(rest)) return std::cout << kVaeHelp, 0;
            return runVae(rest);
        }
        if (command == "animate") {
            if (wantsHelp(rest)) return std::cout << kAnimateHelp, 0;
            return runAnimate(rest);
        }
        if (command == "langevin") {
            if (wantsHelp(rest)) return std::cout << kLangevinHelp, 0;
            return runLangevin(rest);
        }
        if (command == "faces") {
            if (wantsHelp(rest)) return std::cout << kFacesHelp, 0;
            return runFaces(rest);
        }
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& e) {
        return fail(e.what(), true);
    } catch (const c10::Error& e) {
        return fail(e.what_without_backtrace(), false);
    } catch (const std::exception& e) {
        return fail(e.what(), false);
    }
}

}  // namespace flowscope::cli

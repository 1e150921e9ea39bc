// flowscope-cli glow: the help text and the dispatch to the subcommands (glow_*_command*.cpp).
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/glow_support.h"

#include <string>
#include <vector>

namespace flowscope::cli {

const char* const kGlowHelp = R"(usage: flowscope-cli glow <command> [options]

  train       --data DATA --size S [--levels L] [--steps K] [--hidden H]
              [--coupling affine|additive] [--permutation conv1x1|shuffle|reverse]
              [--lu|--plain] [--batch B] --iters N [--lr LR]
              [--n-bits N] [--channels 1|3] [--limit N] [--seed S] [--device auto|cpu|cuda]
              [--threads T] [--checkpoint-every N] [--preview-every N] [--out MODEL]
              [--resume MODEL] [--timeout SECONDS]
              Trains by maximum likelihood; progress (step, bits/dim, images/s, ETA) on stderr;
              a JSON summary on stdout. --resume continues a checkpoint (model, optimiser, step)
              up to --iters steps in all. Under torchrun (RANK, WORLD_SIZE, MASTER_ADDR,
              MASTER_PORT set) each process is one rank of a data-parallel job through c10d:
              --batch is per process, rank 0 alone prints and writes --out; a peer that does not
              arrive or answer within --timeout (default 300 s) ends every rank with one line:
                torchrun --nproc_per_node 2 --redirects 1 --tee 1 --no_python \
                    flowscope-cli glow train --data faces --size 32 --iters 1000 --out m.fsm
  sample      [--model MODEL] [--n N] [--temperature T | --temperatures T1,T2,…] [--seed S]
              [--bf16-preview] --out PNG|DIR/  a grid of samples at temperature T (per level if
              several), or one PNG per sample (DIR/sample_0000.png, …) at the model's size;
              --bf16-preview decodes with bfloat16 conditioner networks (fast on AVX512-BF16/AMX
              CPUs and GPUs) and reports their time and error against the float32 decode
  logp        --model MODEL --input FILE.pt [--key x]
              log p, log-det and bits/dim (with the −log 2^n discretisation term) of the float
              tensor stored under KEY (values in [−0.5, 0.5), no dequantisation noise), as JSON
  import      --from FILE.pt --format glow-pytorch [--size S] [--n-bits N] --out MODEL
              converts a rosinality/glow-pytorch checkpoint (defaults: size 64, 5 bits)
  import      --from glow_model_N.pt --format y0ast [--hparams hparams.json] [--size S] --out MODEL
              converts a y0ast/Glow-PyTorch checkpoint (legacy or zip torch.save; 8 bits; the
              hparams.json beside it by default; the size from its prior_h)
  info        [--model MODEL] architecture, image size, n_bits, attributes and metadata (JSON)
  eval        --model MODEL [--model MODEL2] --data DATA [--data DATA2] [--split test|train]
              [--limit N] [--batch B] [--seed S] [--csv FILE] [--histogram PNG|PDF]
              held-out bits/dim (uniform dequantisation noise from --seed, n_bits of the model)
              with its 95 % interval and each level's prior and log-det terms, one JSON line per
              model and data set; per-image values as CSV; one histogram of every pair
  ablation    [--data DATA] [--size S] [--levels L] [--steps K] [--hidden H] [--iters N]
              [--seeds N] [--batch B] [--lr LR] [--eval-every N] [--eval-images N] --out DIR
              [--quick]  Glow's Figure 3: reverse, shuffle and 1×1 convolution with additive
              and affine couplings, one budget, data order and seed set; held-out bits/dim
              curves (DIR/ablation.csv, .png, .pdf) and DIR/summary.json. Defaults: Fashion-MNIST,
              32 px, L 3, K 8, hidden 128, 2000 iterations, 3 seeds; --quick: 16 px, L 2, K 4,
              hidden 32, 400 iterations, 1 seed (about a minute on one core)
  attributes  [--model MODEL] --data DATA [--split train|test] [--attrs A,B,…] [--limit N]
              [--scale X] [--drop-training-state] --out MODEL
              attribute vectors v = mean z(with) − mean z(without) from labelled images
              (classes one against the rest, CelebA list_attr*.txt, X/not_X sub-folders, or
              UTKFace names; the built-in faces carry true labels), stored in the model file
  edit        [--model MODEL] --image IN [--attr NAME=α …] --out OUT.png [--json]
              encodes a photo (centre crop, resize, quantise), moves z by Σ α·scale·v, decodes;
              with all α = 0 it reproduces the input (--json reports the error in model space)
  interpolate [--model MODEL] --a IMG --b IMG [--steps N] --out PNG
              the straight line between two encoded photos, N images

DATA is faces (built in), fashion-mnist (the Debian package dataset-fashion-mnist; 28×28
padded to 32×32), idx:DIR (MNIST-style IDX files), cifar10:DIR (CIFAR-10's binary batches) or a
folder of images.

Without --model, the shipped face model (resources/faces64.fsm) is used.

sample, logp, eval, attributes, edit and interpolate also take --device auto|cpu|cuda|cuda:N:
auto (the default) runs on the GPU when LibTorch sees one, with TF32 off as in training, so
log p and reconstructions stay exact.

Model files are FlowScope's own (.fsm); glow-pytorch .pt files go through 'import' first.
Any unusable file gives one line on stderr and exit status 2.
)";

int runGlow(const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError(
            "glow needs a command: train, sample, logp, import, info, eval, ablation, attributes, edit or interpolate");
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "train") return glow::train(rest);
    if (command == "sample") return glow::sample(rest);
    if (command == "logp") return glow::logp(rest);
    if (command == "import") return glow::importModel(rest);
    if (command == "info") return glow::info(rest);
    if (command == "attributes") return glow::attributes(rest);
    if (command == "edit") return glow::edit(rest);
    if (command == "interpolate") return glow::interpolate(rest);
    if (command == "eval") return glow::eval(rest);
    if (command == "ablation") return glow::ablation(rest);
    throw UsageError("unknown glow command '" + command +
                     "' (expected train, sample, logp, import, info, eval, ablation, attributes, edit or interpolate)");
}

}  // namespace flowscope::cli

#include "gui/torchrun_command.h"

#include <QStringList>

namespace flowscope {

namespace {

/// A word a POSIX shell passes through unchanged: as is when it holds only safe characters,
/// else in single quotes (a quote inside becomes '\'').
QString shellWord(const QString& word) {
    static const QString safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./:,@%";
    bool plain = !word.isEmpty();
    for (QChar c : word) plain = plain && safe.contains(c);
    if (plain) return word;
    QString quoted = word;
    quoted.replace("'", "'\\''");
    return "'" + quoted + "'";
}

}  // namespace

QString torchrunCommand(const GlowTrainSettings& s, const TorchrunOptions& o) {
    QStringList words{"torchrun", "--nproc_per_node", QString::number(o.processesPerNode)};
    if (o.nodes > 1)
        words << "--nnodes" << QString::number(o.nodes) << "--rdzv_backend"
              << "c10d"
              << "--rdzv_endpoint" << o.rendezvous;
    // Debian 12's torchrun 1.13 on Python 3.11 fails at start without --redirects/--tee.
    words << "--redirects"
          << "1"
          << "--tee"
          << "1"
          << "--no_python" << o.cli << "glow"
          << "train";
    words << "--data" << s.data;
    const auto& m = s.model;
    const auto& t = s.training;
    words << "--size" << QString::number(m.imageSize) << "--channels" << QString::number(m.inChannels) << "--levels"
          << QString::number(m.levels) << "--steps" << QString::number(m.steps) << "--hidden"
          << QString::number(m.hidden) << "--coupling" << (m.affine ? "affine" : "additive")
          << (m.lu ? "--lu" : "--plain") << "--n-bits" << QString::number(m.nBits);
    words << "--batch" << QString::number(t.batch) << "--iters" << QString::number(t.iterations) << "--lr"
          << QString::number(t.learningRate, 'g', 6);
    if (t.checkpointEvery > 0) words << "--checkpoint-every" << QString::number(t.checkpointEvery);
    words << "--out" << s.output;
    if (!s.resumeFrom.isEmpty()) words << "--resume" << s.resumeFrom;
    QStringList quoted;
    for (const auto& w : words) quoted << shellWord(w);
    return quoted.join(' ');
}

}  // namespace flowscope

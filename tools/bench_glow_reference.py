#!/usr/bin/env python3
"""The reference for `flowscope-cli bench glow`: rosinality/glow-pytorch's model and training step
(MIT; not packaged for Debian), rewritten here in plain PyTorch with the same layers, operations
and layout as that project's model.py and train.py: ActNorm with data-dependent init, the LU 1x1
convolution (its weight and, when decoding, its inverse recomputed on every call), the affine
coupling 3x3 -> ReLU -> 1x1 -> ReLU -> zero-initialised 3x3 padded with ones, squeeze / split
with learned Gaussian priors, NCHW throughout, Adam, uniform dequantisation. One thread for
PyTorch and OpenBLAS. The protocol is bench glow's: two warm-up steps (the first initialises
ActNorm), then --iters timed steps of --batch images; one warm-up decode, then three timed
decodes of 16 samples at T = 0.7.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/bench_glow_reference.py   # needs python3-torch

Prints one JSON line: {"bench": "glow_reference", "train_images_per_s": ..., "decode_batch_ms": ...}.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LOG_2PI = math.log(2 * math.pi)


class ActNorm(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.loc = nn.Parameter(torch.zeros(1, c, 1, 1))
        self.scale = nn.Parameter(torch.ones(1, c, 1, 1))
        self.register_buffer("initialized", torch.tensor(0, dtype=torch.uint8))

    def forward(self, x):
        if self.initialized.item() == 0:
            with torch.no_grad():
                flat = x.permute(1, 0, 2, 3).contiguous().view(x.shape[1], -1)
                self.loc.data.copy_(-flat.mean(1).view(1, -1, 1, 1))
                self.scale.data.copy_(1 / (flat.std(1).view(1, -1, 1, 1) + 1e-6))
                self.initialized.fill_(1)
        logdet = x.shape[2] * x.shape[3] * torch.sum(torch.log(torch.abs(self.scale)))
        return self.scale * (x + self.loc), logdet

    def reverse(self, y):
        return y / self.scale - self.loc


class InvConvLU(nn.Module):
    def __init__(self, c):
        super().__init__()
        q, _ = torch.linalg.qr(torch.randn(c, c))
        p, lower, upper = torch.linalg.lu(q)
        s = torch.diag(upper)
        u_mask = torch.triu(torch.ones(c, c), 1)
        self.register_buffer("w_p", p)
        self.register_buffer("u_mask", u_mask)
        self.register_buffer("l_mask", u_mask.T.contiguous())
        self.register_buffer("s_sign", torch.sign(s))
        self.register_buffer("l_eye", torch.eye(c))
        self.w_l = nn.Parameter(lower)
        self.w_s = nn.Parameter(torch.log(torch.abs(s)))
        self.w_u = nn.Parameter(torch.triu(upper, 1))

    def weight(self):
        w = self.w_p @ (self.w_l * self.l_mask + self.l_eye) @ (
            self.w_u * self.u_mask + torch.diag(self.s_sign * torch.exp(self.w_s)))
        return w.unsqueeze(2).unsqueeze(3)

    def forward(self, x):
        return F.conv2d(x, self.weight()), x.shape[2] * x.shape[3] * torch.sum(self.w_s)

    def reverse(self, y):
        return F.conv2d(y, self.weight().squeeze().inverse().unsqueeze(2).unsqueeze(3))


class ZeroConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=0)
        self.conv.weight.data.zero_()
        self.conv.bias.data.zero_()
        self.scale = nn.Parameter(torch.zeros(1, cout, 1, 1))

    def forward(self, x):
        return self.conv(F.pad(x, [1, 1, 1, 1], value=1)) * torch.exp(self.scale * 3)


class AffineCoupling(nn.Module):
    def __init__(self, c, hidden):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(c // 2, hidden, 3, padding=1), nn.ReLU(inplace=True),
                                 nn.Conv2d(hidden, hidden, 1), nn.ReLU(inplace=True), ZeroConv(hidden, c))
        for k in (0, 2):
            self.net[k].weight.data.normal_(0, 0.05)
            self.net[k].bias.data.zero_()

    def forward(self, x):
        a, b = x.chunk(2, 1)
        log_s, t = self.net(a).chunk(2, 1)
        s = torch.sigmoid(log_s + 2)
        return torch.cat([a, (b + t) * s], 1), torch.sum(torch.log(s).view(x.shape[0], -1), 1)

    def reverse(self, y):
        a, b = y.chunk(2, 1)
        log_s, t = self.net(a).chunk(2, 1)
        return torch.cat([a, b / torch.sigmoid(log_s + 2) - t], 1)


class Step(nn.Module):
    def __init__(self, c, hidden):
        super().__init__()
        self.actnorm, self.invconv, self.coupling = ActNorm(c), InvConvLU(c), AffineCoupling(c, hidden)

    def forward(self, x):
        x, d0 = self.actnorm(x)
        x, d1 = self.invconv(x)
        x, d2 = self.coupling(x)
        return x, d0 + d1 + d2

    def reverse(self, y):
        return self.actnorm.reverse(self.invconv.reverse(self.coupling.reverse(y)))


def gaussian_log_p(x, mean, log_sd):
    return -0.5 * LOG_2PI - log_sd - 0.5 * (x - mean) ** 2 / torch.exp(2 * log_sd)


class Block(nn.Module):
    def __init__(self, c, steps, hidden, split):
        super().__init__()
        self.split = split
        self.flows = nn.ModuleList([Step(c * 4, hidden) for _ in range(steps)])
        self.prior = ZeroConv(c * 2, c * 4) if split else ZeroConv(c * 4, c * 8)

    def forward(self, x):
        b, c, h, w = x.shape
        out = x.view(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).contiguous().view(b, c * 4, h // 2, w // 2)
        logdet = 0
        for flow in self.flows:
            out, d = flow(out)
            logdet = logdet + d
        if self.split:
            out, z = out.chunk(2, 1)
            mean, log_sd = self.prior(out).chunk(2, 1)
        else:
            z = out
            mean, log_sd = self.prior(torch.zeros_like(out)).chunk(2, 1)
        return out, logdet, gaussian_log_p(z, mean, log_sd).view(b, -1).sum(1)

    def reverse(self, out, eps):
        if self.split:
            mean, log_sd = self.prior(out).chunk(2, 1)
            x = torch.cat([out, mean + torch.exp(log_sd) * eps], 1)
        else:
            mean, log_sd = self.prior(torch.zeros_like(out)).chunk(2, 1)
            x = mean + torch.exp(log_sd) * eps
        for flow in self.flows[::-1]:
            x = flow.reverse(x)
        b, c, h, w = x.shape
        return x.view(b, c // 4, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3).contiguous().view(b, c // 4, h * 2, w * 2)


class Glow(nn.Module):
    def __init__(self, levels, steps, hidden):
        super().__init__()
        self.blocks = nn.ModuleList()
        c = 3
        for _ in range(levels - 1):
            self.blocks.append(Block(c, steps, hidden, True))
            c *= 2
        self.blocks.append(Block(c, steps, hidden, False))

    def forward(self, x):
        log_p, logdet, out = 0, 0, x
        for block in self.blocks:
            out, d, lp = block(out)
            logdet, log_p = logdet + d, log_p + lp
        return log_p, logdet

    def reverse(self, z_list):
        x = None
        for i, block in enumerate(self.blocks[::-1]):
            x = block.reverse(z_list[-1] if i == 0 else x, z_list[-(i + 1)])
        return x


def z_shapes(size, levels):
    shapes, c = [], 3
    for _ in range(levels - 1):
        size //= 2
        c *= 2
        shapes.append((c, size, size))
    size //= 2
    shapes.append((c * 4, size, size))
    return shapes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=32)
    ap.add_argument("--levels", type=int, default=3)
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--n-bits", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Glow(a.levels, a.steps, a.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    bins = 2.0 ** a.n_bits
    pixels = a.size * a.size * 3

    def batch():
        return torch.floor(torch.rand(a.batch, 3, a.size, a.size) * bins) / bins - 0.5

    def step():
        x = batch()
        log_p, logdet = model(x + torch.rand_like(x) / bins)
        loss = -(log_p + logdet.mean() - math.log(bins) * pixels) / (math.log(2) * pixels)
        model.zero_grad()
        loss.mean().backward()
        opt.step()

    with torch.no_grad():  # as train.py: the first batch initialises ActNorm
        model(batch())
    step()
    t0 = time.perf_counter()
    for _ in range(a.iters):
        step()
    train_s = time.perf_counter() - t0

    shapes = z_shapes(a.size, a.levels)
    with torch.no_grad():
        def decode():
            return model.reverse([torch.randn(16, *s) * 0.7 for s in shapes])
        decode()
        t1 = time.perf_counter()
        for _ in range(3):
            decode()
        decode_ms = 1e3 * (time.perf_counter() - t1) / 3
    print(json.dumps({"bench": "glow_reference", "image_size": a.size, "levels": a.levels, "steps": a.steps,
                      "hidden": a.hidden, "batch": a.batch, "threads": a.threads,
                      "train_images_per_s": a.iters * a.batch / train_s, "decode_batch_ms": decode_ms}))


if __name__ == "__main__":
    main()

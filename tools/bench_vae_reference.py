#!/usr/bin/env python3
"""The reference for `flowscope-cli bench vae`: a VAE at the sizes of normflows' examples/vae.py
(encoder 784-512-256, latent 40, 10 planar flows, decoder 256-512-784, batch 256, Bernoulli
likelihood), written here in plain PyTorch because normflows is not packaged for Debian. Like
that example it runs the encoder twice per step (once for the mean, once for the log-variance
head's input) and uses global (non-amortised) planar flows. One thread for PyTorch and OpenBLAS.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/bench_vae_reference.py   # needs python3-torch

Prints one JSON line: {"bench": "vae_train_reference", "steps_per_s": …}.
"""
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)


class Planar(nn.Module):
    def __init__(self, d):
        super().__init__()
        lim = 1.0 / math.sqrt(d)
        self.u = nn.Parameter(torch.empty(d).uniform_(-lim, lim))
        self.w = nn.Parameter(torch.empty(d).uniform_(-lim, lim))
        self.b = nn.Parameter(torch.zeros(1))

    def forward(self, z):
        wu = self.w @ self.u
        u = self.u + (F.softplus(wu) - 1 - wu) * self.w / (self.w @ self.w)
        h = torch.tanh(z @ self.w + self.b)
        z = z + h.unsqueeze(1) * u
        logdet = torch.log(torch.abs(1 + (1 - h ** 2) * (self.w @ u)))
        return z, logdet


class Vae(nn.Module):
    def __init__(self, latent=40, layers=10):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU())
        self.mu = nn.Linear(256, latent)
        self.log_var = nn.Linear(256, latent)
        self.flows = nn.ModuleList(Planar(latent) for _ in range(layers))
        self.decoder = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
                                     nn.Linear(512, 784))

    def loss(self, x):
        mu = self.mu(self.encoder(x))
        log_var = self.log_var(self.encoder(x))  # the example's second encoder pass
        eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * log_var) * eps
        log_q = (-0.5 * eps ** 2 - 0.5 * log_var - 0.5 * math.log(2 * math.pi)).sum(1)
        for f in self.flows:
            z, ld = f(z)
            log_q = log_q - ld
        logits = self.decoder(z)
        log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        log_pz = (-0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)).sum(1)
        return (log_q - log_px - log_pz).mean()


model = Vae()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
data = (torch.rand(4096, 784) < torch.rand(4096, 784)).float()


def step():
    x = data[torch.randint(0, 4096, (256,))]
    loss = model.loss(x)
    opt.zero_grad()
    loss.backward()
    opt.step()


for _ in range(3):
    step()
n = 40
start = time.time()
for _ in range(n):
    step()
rate = n / (time.time() - start)
print(json.dumps({"bench": "vae_train_reference", "steps_per_s": rate, "batch": 256, "latent": 40, "layers": 10}))

#!/usr/bin/python3
# Writes torch_save_pair/{legacy,zip}.pt: one state dict saved by PyTorch itself in both formats
# torch.save knows (the pre-1.6 legacy pickle stream and the zip archive), for
# test_torch_checkpoint_reader. Run with Debian's python3-torch (1.13); the files are committed.
import collections, os, torch

torch.manual_seed(0)
base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
sd = collections.OrderedDict()
sd["weight"] = torch.randn(3, 5)
sd["transposed"] = base.t()                 # a strided view
sd["slice"] = base[1:3, 2:5]                # an offset view of the same storage
sd["double"] = torch.tensor([0.25, -1.5, 3.0], dtype=torch.float64)
sd["long"] = torch.tensor([7, -8, 1 << 40])
sd["flags"] = torch.tensor([True, False, True])
sd["half"] = torch.tensor([1.5, -2.0, 1.0], dtype=torch.float16)
sd["scalar"] = torch.tensor(4.0)
sd["empty"] = torch.zeros(0, 4)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_save_pair")
os.makedirs(out, exist_ok=True)
torch.save(sd, os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)
torch.save(sd, os.path.join(out, "zip.pt"))

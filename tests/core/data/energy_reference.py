#!/usr/bin/env python3
"""Reference values of Rezende & Mohamed's energies (2015, Table 1) at hand-picked points,
computed with Python's math module straight from the paper's formulas — independently of
core/targets/energy.cpp. test_energy compares against the printed table; rerun to check it:
    python3 tests/core/data/energy_reference.py
"""
import math

def w1(z1): return math.sin(2 * math.pi * z1 / 4)
def w2(z1): return 3 * math.exp(-0.5 * ((z1 - 1) / 0.6) ** 2)
def w3(z1): return 3 / (1 + math.exp(-(z1 - 1) / 0.3))

def U1(z1, z2):
    r = math.hypot(z1, z2)
    return 0.5 * ((r - 2) / 0.4) ** 2 - math.log(math.exp(-0.5 * ((z1 - 2) / 0.6) ** 2) +
                                                  math.exp(-0.5 * ((z1 + 2) / 0.6) ** 2))
def U2(z1, z2): return 0.5 * ((z2 - w1(z1)) / 0.4) ** 2
def U3(z1, z2):
    return -math.log(math.exp(-0.5 * ((z2 - w1(z1)) / 0.35) ** 2) +
                     math.exp(-0.5 * ((z2 - w1(z1) + w2(z1)) / 0.35) ** 2))
def U4(z1, z2):
    return -math.log(math.exp(-0.5 * ((z2 - w1(z1)) / 0.4) ** 2) +
                     math.exp(-0.5 * ((z2 - w1(z1) + w3(z1)) / 0.35) ** 2))

POINTS = [(0.0, 0.0), (1.0, -0.5), (-2.0, 1.5), (2.5, 0.3), (0.3, -2.2), (-1.2, -0.8), (3.1, 2.0)]
for name, u in [("U1", U1), ("U2", U2), ("U3", U3), ("U4", U4)]:
    for z1, z2 in POINTS:
        print(f'{{"{name}", {z1!r}, {z2!r}, {u(z1, z2)!r}}},')

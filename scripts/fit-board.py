#!/usr/bin/env python3
"""Fit a board's simulated chip model to its published operating points.

Reads boards/<id>.toml and solves, by least squares, for the per-chip switching
coefficient k and the leakage current at 25 °C in

    P_chips = n · (k · f · V² + I_leak(T_target) · V)

where P_chips at each point is the published board power less the fixed power,
through the PSU efficiency, less the fan power the simulator's cooling model
needs to hold the chips at their target with 21 °C inlet air. Prints the fitted
values (to paste into [simulation.chip]) and the residual at every point.

    scripts/fit-board.py avalon-mini3
"""
import sys
import tomllib
from pathlib import Path


def resistance(sim, fan, rpm):
    """Chip-to-inlet thermal resistance at a fan speed (the simulator's CoolingModel)."""
    r_max, r_nat = sim["thermal"]["r_th_at_max_rpm"], sim["thermal"]["r_th_natural"]
    share = max(0.0, rpm / fan["max_rpm"])
    return 1 / (1 / r_nat + (1 / r_max - 1 / r_nat) * share ** 0.8)


def rpm_to_hold(sim, fan, chip_target, inlet, power):
    """Lowest fan speed holding the chips at chip_target (the simulator's CoolingModel)."""
    r_max, r_nat = sim["thermal"]["r_th_at_max_rpm"], sim["thermal"]["r_th_natural"]
    max_rpm, min_rpm = fan["max_rpm"], sim["fan"]["min_rpm"]
    needed = (chip_target - inlet) / power
    if needed >= r_nat:
        return min_rpm
    if needed <= r_max:
        return max_rpm
    share = ((1 / needed - 1 / r_nat) / (1 / r_max - 1 / r_nat)) ** (1 / 0.8)
    return max(min_rpm, max_rpm * share)


def main(board_id):
    root = Path(__file__).resolve().parent.parent
    board = tomllib.loads((root / "boards" / f"{board_id}.toml").read_text())
    sim, fan = board["simulation"], board["fan"]
    n = board["board"]["chip_count"]
    target = board["limits"]["chip_target_c"]
    doubling = sim["chip"]["leakage_doubling_c"]
    fixed, eta = sim["power"]["fixed_w"], sim["power"]["psu_efficiency"]

    rows, ys = [], []
    for p in board["operating_point"]:
        chips = (p["power_w"] - fixed) * eta
        for _ in range(50):   # fan power depends on chip power
            rpm = rpm_to_hold(sim, fan, target, 21.0, chips)
            fan_w = sim["fan"]["max_power_w"] * (rpm / fan["max_rpm"]) ** 3
            chips = (p["power_w"] - fixed) * eta - fan_w
        # At its slowest the fan may cool the chips below their target: leakage is then lower.
        chip_t = min(target, 21.0 + chips * resistance(sim, fan, rpm))
        v = p["voltage_mv"] / 1000
        rows.append((n * p["frequency_mhz"] * v * v, n * v * 2 ** ((chip_t - 25) / doubling)))
        ys.append(chips)

    # Normal equations for two unknowns; fall back to k alone if leakage comes out negative.
    a11 = sum(r[0] * r[0] for r in rows); a12 = sum(r[0] * r[1] for r in rows)
    a22 = sum(r[1] * r[1] for r in rows)
    b1 = sum(r[0] * y for r, y in zip(rows, ys)); b2 = sum(r[1] * y for r, y in zip(rows, ys))
    det = a11 * a22 - a12 * a12
    k, leak = ((b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det) if abs(det) > 1e-12 else (b1 / a11, 0.0)
    if leak < 0:
        k, leak = b1 / a11, 0.0

    print(f"[simulation.chip] for {board_id}:")
    print(f"switching_w_per_mhz_v2 = {k:.4f}")
    print(f"leakage_a_at_25c = {leak:.3f}")
    hpc = sim["chip"]["hashes_per_clock"]
    for p, r, y in zip(board["operating_point"], rows, ys):
        model = k * r[0] + leak * r[1]
        hashrate = hpc * p["frequency_mhz"] * 1e6 * n / 1e12
        print(f"  {p['name']:>8}: chips {y:8.2f} W, model {model:8.2f} W ({100 * (model - y) / y:+.1f} %), "
              f"hashrate published {p['hashrate_ths']:.3f} TH/s, model {hashrate:.3f} TH/s")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/fit-board.py BOARD_ID")
    main(sys.argv[1])

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
    scripts/fit-board.py avalon-nano3s --measured

With --measured the fit uses the measured samples below instead (each at its own
chip temperature and fan speed), prints the residual on each sample, and then
the power of every table point at the chip target under the fitted model — the
table's power_w for points that were never measured (mark them as model).
"""
import sys
import tomllib
from pathlib import Path


# Measured samples: (frequency MHz, per-chip core mV, hottest chip °C, fan rpm, wall W, GH/s, source).
MEASURED = {
    # Two real Nano 3S units in High mode. Per-chip voltage = string output (PS[5]) / 12 chips;
    # chip temperature = TMax (the simulator's chip node is the hottest chip).
    "avalon-nano3s": [
        (464.9, 3756 / 12, 95.0, 1520.0, 133.0, 6695.0,
         "MinerSentinel test_avalon_parsing, real device estats: GHSavg 6695, PS ... 133, TMax 95, Fan1 1520 @ 33 %, "
         "SF0 432 450 471 492 (avg 464.9), Vout 3756 mV"),
        (432.25, 3990 / 12, 66.0, 2600.0, 130.0, 6227.0,
         "Canaan cgminer-API driver docstring 'Real example' (fw 25021401_56abae7): GHSavg 6227, 130 W, TMax 66, "
         "Fan1 2600 @ 55 %, SF0 414 432 453 474 (avg 432.25), Vout 3990 mV"),
    ],
    # The one published BM1366 V/f/power row (a Bitaxe Ultra, same chip; AxeOS input power).
    # ASSUMPTION: the Bitaxe Ultra's overheads (regulator, controller, fan at ~70 %) are
    # those of the PiAxe model (fixed_w, psu_efficiency).
    "piaxe": [
        (609.92, 1221.78, 35.95, 4200.0, 23.58 * 0.56736, 567.36,
         "adammwest/Bitaxebench issue #3: 609.92 MHz, 1221.78 mV, 567.36 GH/s, 23.58 J/TH, avg temp 35.95 C"),
    ],
}


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


def fit_measured(board_id):
    root = Path(__file__).resolve().parent.parent
    board = tomllib.loads((root / "boards" / f"{board_id}.toml").read_text())
    sim, fan = board["simulation"], board["fan"]
    n = board["board"]["chip_count"]
    doubling = sim["chip"]["leakage_doubling_c"]
    fixed, eta = sim["power"]["fixed_w"], sim["power"]["psu_efficiency"]
    samples = MEASURED.get(board_id)
    if not samples:
        sys.exit(f"no measured samples for {board_id} (known: {', '.join(MEASURED)})")

    rows, ys = [], []
    for f, mv, t, rpm, wall, ghs, _ in samples:
        fan_w = sim["fan"]["max_power_w"] * (rpm / fan["max_rpm"]) ** 3
        v = mv / 1000
        rows.append((n * f * v * v, n * v * 2 ** ((t - 25) / doubling)))
        ys.append((wall - fixed) * eta - fan_w)
    if len(samples) >= 2:
        a11 = sum(r[0] * r[0] for r in rows); a12 = sum(r[0] * r[1] for r in rows)
        a22 = sum(r[1] * r[1] for r in rows)
        b1 = sum(r[0] * y for r, y in zip(rows, ys)); b2 = sum(r[1] * y for r, y in zip(rows, ys))
        det = a11 * a22 - a12 * a12
        k, leak = (b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det
    else:
        # One sample cannot separate switching from leakage: keep the board's ratio of the two
        # (an ASSUMPTION) and scale both to the measured power.
        k0, l0 = sim["chip"]["switching_w_per_mhz_v2"], sim["chip"]["leakage_a_at_25c"]
        scale = ys[0] / (k0 * rows[0][0] + l0 * rows[0][1])
        k, leak = k0 * scale, l0 * scale
    hpc = sum(ghs * 1e9 / (f * 1e6 * n) for f, _, _, _, _, ghs, _ in samples) / len(samples)

    print(f"[simulation.chip] for {board_id}, fitted to {len(samples)} measured sample(s):")
    print(f"hashes_per_clock = {hpc:.1f}")
    print(f"switching_w_per_mhz_v2 = {k:.4f}")
    print(f"leakage_a_at_25c = {leak:.3f}")
    print("residuals on the measured data (wall power, model vs measured):")
    for (f, mv, t, rpm, wall, ghs, src), r in zip(samples, rows):
        fan_w = sim["fan"]["max_power_w"] * (rpm / fan["max_rpm"]) ** 3
        model = (k * r[0] + leak * r[1] + fan_w) / eta + fixed
        print(f"  {f:7.2f} MHz {mv:7.1f} mV {t:5.1f} C: model {model:7.2f} W, measured {wall:7.2f} W "
              f"({100 * (model - wall) / wall:+.1f} %); hashrate model {hpc * f * 1e6 * n / 1e9:7.1f} GH/s, "
              f"measured {ghs:.1f}")
    target = board["limits"]["chip_target_c"]
    print(f"table points at the chip target ({target} C, 21 C inlet) under this model:")
    for p in board["operating_point"]:
        v = p["voltage_mv"] / 1000
        chips = n * (k * p["frequency_mhz"] * v * v + leak * v * 2 ** ((target - 25) / doubling))
        for _ in range(50):
            rpm = rpm_to_hold(sim, fan, target, 21.0, chips)
            chip_t = min(target, 21.0 + chips * resistance(sim, fan, rpm))
            chips = n * (k * p["frequency_mhz"] * v * v + leak * v * 2 ** ((chip_t - 25) / doubling))
        fan_w = sim["fan"]["max_power_w"] * (rpm / fan["max_rpm"]) ** 3
        wall = (chips + fan_w) / eta + fixed
        print(f"  {p['name']:>8}: {p['frequency_mhz']:6.1f} MHz {p['voltage_mv']:6.1f} mV -> power_w = {wall:.1f}, "
              f"hashrate_ths = {hpc * p['frequency_mhz'] * 1e6 * n / 1e12:.4f}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[2] == "--measured":
        fit_measured(sys.argv[1])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit("usage: scripts/fit-board.py BOARD_ID [--measured]")

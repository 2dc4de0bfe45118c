import Glibc

// Runs inside the qemu guest started by scripts/kernel-test:
//   hearth-kernel-tests <phase> --gpiochip gpiochipN --sim /sys/…/gpiochipN --i2c /dev/i2c-N
let h = Harness()
let phase = CommandLine.arguments.dropFirst().first ?? "main"
guard let chip = option("gpiochip"), let sim = option("sim"), let i2c = option("i2c"), !i2c.isEmpty else {
    print("usage: hearth-kernel-tests main|readdressed --gpiochip NAME --sim DIR --i2c /dev/i2c-N")
    print("phase \(phase): 0 passed, 1 failed")
    exit(2)
}
switch phase {
case "readdressed":
    I2CChecks(path: i2c).runReaddressed(h)
default:
    GPIOChecks(chip: chip, sim: sim).run(h)
    I2CChecks(path: i2c).run(h)
}
h.summary(phase: phase)
exit(h.failed == 0 ? 0 : 1)

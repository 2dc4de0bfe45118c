import Glibc

// Runs inside the qemu guest started by scripts/kernel-test:
//   hearth-kernel-tests <phase> --gpiochip gpiochipN --sim /sys/…/gpiochipN --i2c /dev/i2c-N
//   (phase mining also: --hearth /bin/hearth --board-template /etc/kt-board.toml)
let h = Harness()
let phase = CommandLine.arguments.dropFirst().first ?? "main"
guard let chip = option("gpiochip"), let sim = option("sim"), let i2c = option("i2c"), !i2c.isEmpty else {
    print("usage: hearth-kernel-tests main|readdressed --gpiochip NAME --sim DIR --i2c /dev/i2c-N")
    print("phase \(phase): 0 passed, 1 failed")
    exit(2)
}
switch phase {
case "mining":
    guard let hearth = option("hearth"), let template = option("board-template") else {
        print("mining needs --hearth PATH --board-template PATH")
        print("phase mining: 0 passed, 1 failed")
        exit(2)
    }
    MiningRunCheck(chip: chip, i2c: i2c, hearth: hearth, template: FileText.read(template)).run(h)
case "readdressed":
    I2CChecks(path: i2c).runReaddressed(h)
default:
    GPIOChecks(chip: chip, sim: sim).run(h)
    I2CChecks(path: i2c).run(h)
}
h.summary(phase: phase)
exit(h.failed == 0 ? 0 : 1)

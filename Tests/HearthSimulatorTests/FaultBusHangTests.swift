import Testing
import HearthCore
import HearthHAL
@testable import HearthSimulator

/// `bus-hang`: an I2C bus whose transfers never complete (a wedged slave holding SDA low).
@Suite struct FaultBusHangTests {
    static let boards = ["avalon-nano3s", "avalon-mini3", "avalon-q", "bitaxe-gamma", "piaxe"]

    /// The virtual bus fails the way `LinuxI2CBus` reports ETIMEDOUT, and counts the adapter's wait.
    @Test func aHungBusTimesOutEveryTransferAfterTheAdapterTimeout() {
        let bus = VirtualI2CBus(name: "sim:i2c-1")
        bus.attach(VirtualTMP75(variant: .tmp75, temperature: Celsius(20)), at: 0x48)
        #expect((try? bus.writeRead(address: 0x48, [0x00], readCount: 2))?.count == 2)
        bus.hung = true
        for address: UInt8 in [0x48, 0x4c] {
            do {
                _ = try bus.writeRead(address: address, [0x00], readCount: 2)
                Issue.record("a hung bus completed a read at 0x\(hex(address))")
            } catch {
                #expect(error.kind == .timeout)
                #expect(error.address == address)
                #expect(error.description.contains("sim:i2c-1") && error.description.contains("timed out"), "\(error)")
            }
        }
        #expect(throws: BusError.self) { try bus.write(address: 0x48, [0x01, 0x60]) }
        #expect(abs(bus.blockedTime.value - 0.3) < 1e-9, "\(bus.blockedTime)")
        bus.hung = false
        #expect((try? bus.writeRead(address: 0x48, [0x00], readCount: 2)) != nil)
    }

    /// One control tick (read every sensor, apply the command) on a hung bus blocks for its
    /// transfers' timeouts; that must leave the 1 s tick inside its budget on every board.
    @Test(arguments: boards)
    func aTickOnAHungBusStaysInsideItsBudget(board id: String) throws {
        let definition = try Fixtures.board(id)
        let scenario = ScenarioCatalog.named("winter-day")!
        let sized = SimulationRunner.sizedRoom(board: definition, scenario: scenario, target: Celsius(21), duration: .hours(1))
        let heater = try SimulatedHeater(board: definition, room: sized.room,
                                         initial: RoomState(steadyAt: Celsius(20), outdoor: Celsius(-5), room: sized.room), seed: 1)
        heater.inject(FaultInjection(kind: .busHang, sensor: .chipTemp, at: .zero))
        var worst = Seconds.zero
        for _ in 0..<5 {
            let before = heater.i2cBlockedTime
            let readings = heater.device.read()
            #expect(readings.chipTemperature.error != nil, "\(id): the chip sensor still read on a hung bus")
            try? heater.device.apply(.safe(definition.profile))
            worst = max(worst, heater.i2cBlockedTime - before)
        }
        #expect(worst > .zero, "\(id): no transfer blocked")
        #expect(worst <= Seconds(0.8), "\(id): a tick blocks \(worst) on the hung bus (budget 1 s with room for the rest)")
    }

    /// In the matrix: every board, heat and idle, trips with a read or actuator failure naming
    /// a part on the hung bus within its 3 s bound.
    @Test(arguments: boards)
    func aHungBusTripsWithinItsBound(board id: String) throws {
        let definition = try Fixtures.board(id)
        for (phase, seed) in [(FaultMatrix.Phase.heat, UInt64(31)), (.idle, 32)] {
            let c = FaultMatrix.Case(board: id, kind: .busHang, sensor: .chipTemp, phase: phase,
                                     hour: FaultMatrix.hour(board: id, kind: .busHang, sensor: .chipTemp, phase: phase, seed: seed),
                                     seed: seed)
            let o = try FaultMatrix.run(c, board: definition)
            let trip = try #require(o.trip, "\(c): no trip")
            #expect([TripCode.sensorFailure, .staleReading, .actuatorFailure].contains(trip.reason.kind), "\(c): \(trip.reason)")
            #expect(!o.mismatch, "\(c): \(trip.reason) names a part off the hung bus")
            #expect(o.timeToSafe.map { $0 <= Seconds(3) } == true, "\(c): \(String(describing: o.timeToSafe))")
            #expect(o.failure == nil, "\(c): \(o.failure ?? "")")
        }
    }
}

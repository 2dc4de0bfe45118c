import HearthCore
import HearthWork

extension BM13xxDriver {
    /// The frequency a chip runs at out of reset, where ramps start (ESP-Miner ramps up from here).
    public static let powerOnFrequency = Megahertz(56.25)

    /// Setup writes after enumeration, as ESP-Miner's BM1366 init sends them (register,
    /// value); their meaning beyond "core and UART setup" is not published.
    static let setupRegisters: [(UInt8, UInt32)] = [
        (0xA8, 0x0007_0000), (0x18, 0xFF0F_C100), (0x3C, 0x8000_8540), (0x3C, 0x8000_8020),
        (0x54, 0x0000_0003), (0x58, 0x0211_1111),
    ]

    /// Reset, enumerate, address, set up and (when the port can follow) switch to
    /// 1 Mbaud. Ramps to the target frequency afterwards through `receive`. Holds the
    /// read lock throughout: a receiving thread must not take the enumeration replies.
    @discardableResult
    public func bringUp() throws(BM13xxError) -> BM13xxChainInfo {
        try readLock.withLock { _ throws(BM13xxError) in try bringUpHoldingReadLock() }
    }

    private func bringUpHoldingReadLock() throws(BM13xxError) -> BM13xxChainInfo {
        let name = port.name
        let model = configuration.model
        func bus(_ body: () throws(BusError) -> Void) throws(BM13xxError) {
            do { try body() } catch { throw .bus(error) }
        }
        if let speed = port as? any BaudRateConfigurable {
            try bus { () throws(BusError) in try speed.setBaudRate(BM13xxRegister.defaultBaud) }
        }
        if let reset {
            try bus { () throws(BusError) in try reset.set(true) }
            sleep(Seconds(0.1))
            try bus { () throws(BusError) in try reset.set(false) }
            sleep(Seconds(0.1))
        }
        drainInput()
        // The mask goes out three times, as ESP-Miner does: the first frames after reset may be lost.
        let mask = BM13xxFrame.writeRegister(BM13xxRegister.versionMask,
                                             value: BM13xxRegister.versionMaskValue(0x1FFF_E000), all: true)
        try bus { () throws(BusError) in try write(mask + mask + mask) }
        try bus { () throws(BusError) in try write(BM13xxFrame.readRegister(BM13xxRegister.chipID, all: true)) }

        var chips: [BM13xxChainInfo.Chip] = []
        var foreign: String?
        // Bounded: every chip answers once; a chain longer than 4× the board's is broken anyway.
        for _ in 0..<(max(1, configuration.expectedChips) * 4) {
            let replies = readReplies(timeout: configuration.replyTimeout)
            if replies.isEmpty { break }
            for case let .register(value, _, register) in replies where register == BM13xxRegister.chipID {
                let id = UInt16(value >> 16)
                if id != model.chipID {
                    foreign = "\(hex(UInt8(id >> 8)))\(hex(UInt8(id & 0xFF)))"
                    continue
                }
                chips.append(.init(chipID: id, coreByte: UInt8((value >> 8) & 0xFF), address: UInt8(value & 0xFF)))
            }
            if chips.count >= configuration.expectedChips { break }
        }
        if chips.isEmpty, let foreign { throw .wrongChip(port: name, expected: model.name, found: foreign) }
        guard chips.count == configuration.expectedChips else {
            let stats = statistics
            throw .chipCount(port: name, expected: configuration.expectedChips, found: chips.count,
                             detail: stats.crcErrors > 0 ? "\(stats.crcErrors) replies with a bad CRC" : "")
        }

        var setup: [UInt8] = []
        setup += BM13xxFrame.command(.chainInactive, all: true, data: [0, 0])
        let interval = 256 / chips.count
        for i in chips.indices {
            let address = UInt8(i * interval)
            chips[i].address = address
            setup += BM13xxFrame.command(.setAddress, all: false, data: [address, 0])
        }
        for (register, value) in Self.setupRegisters {
            setup += BM13xxFrame.writeRegister(register, value: value, all: true)
        }
        setup += BM13xxFrame.writeRegister(BM13xxRegister.ticketMask,
                                           value: BM13xxRegister.ticketMaskValue(difficulty: 256), all: true)
        var baud = BM13xxRegister.defaultBaud
        let speed = port as? any BaudRateConfigurable
        if configuration.fastBaud, speed != nil {
            setup += BM13xxFrame.writeRegister(BM13xxRegister.fastUART, value: BM13xxRegister.fastUARTValue, all: true)
        }
        try bus { () throws(BusError) in try write(setup) }
        if configuration.fastBaud, let speed {
            try bus { () throws(BusError) in try speed.setBaudRate(BM13xxRegister.fastBaud) }
            baud = BM13xxRegister.fastBaud
        }
        let info = BM13xxChainInfo(model: model, chips: chips, baud: baud)
        let t = now()
        state.withLock { s in
            s.stats.bringUps += 1
            s.chain = info
            s.broughtUp = true
            s.currentFrequency = Self.powerOnFrequency
            s.targetFrequency = s.targetFrequency ?? model.defaultFrequency
            s.nextRampAt = t
            s.lastReplyAt = t
            s.silentSince = nil
            s.shareDifficulty = nil
            s.versionMask = nil
            s.jobs = [IssuedJob?](repeating: nil, count: 128)
        }
        return info
    }

    /// Sets the frequency to reach. The PLL search runs now (an unreachable frequency
    /// throws here); the ramp itself runs in `receive`, one step per `rampInterval`.
    /// Returns the dividers for the target and their error.
    @discardableResult
    public func setFrequency(_ target: Megahertz) throws(BM13xxError) -> (pll: BM13xxPLL, error: Megahertz) {
        guard target.isFinite, target.value > 0, let found = dividers(for: target),
              abs(found.error.value) <= 25 else {
            throw .frequency(port: port.name, detail: "\(target) is outside what the \(configuration.model.name)'s PLL can reach")
        }
        state.withLock { $0.targetFrequency = target }
        return found
    }

    /// The PLL search for `f`, remembered (the cache is bounded: cleared when full).
    func dividers(for f: Megahertz) -> (pll: BM13xxPLL, error: Megahertz)? {
        if let hit = pllCache.withLock({ $0[f.value] }) { return hit }
        guard let found = BM13xxPLL.search(f, feedbackRange: configuration.model.feedbackDivider) else { return nil }
        pllCache.withLock { cache in
            if cache.count >= Self.pllCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[f.value] = found
        }
        return found
    }

    /// Writes the next ramp step when due. Called by `receive`.
    func stepRamp() throws(BusError) {
        let t = now()
        let step: BM13xxPLL? = state.withLock { s in
            guard s.broughtUp, let current = s.currentFrequency, let target = s.targetFrequency,
                  current != target, t >= s.nextRampAt else { return nil }
            let next = BM13xxPLL.nextStep(from: current, to: target, step: configuration.rampStep)
            guard let pll = dividers(for: next)?.pll else { return nil }
            s.currentFrequency = next
            s.pll = pll
            s.nextRampAt = t + configuration.rampInterval
            return pll
        }
        if let step {
            try write(BM13xxFrame.writeRegister(BM13xxPLL.register, value: step.registerValue, all: true))
        }
    }

    /// Reads what is waiting (bring-up only: no reply is awaited).
    func drainInput() {
        for _ in 0..<16 {
            guard let bytes = try? port.read(maxCount: 4096, timeout: Seconds(0)), !bytes.isEmpty else { break }
        }
        decoder.dropPartial()
        copyDecoderCounts()
    }

    /// The decoder's counters into the statistics (under the read lock, after every read).
    func copyDecoderCounts() {
        let (crc, discarded) = (decoder.crcErrors, decoder.discardedBytes)
        state.withLock { s in
            s.stats.crcErrors = crc
            s.stats.discardedBytes = discarded
        }
    }

    /// Replies arriving within `timeout` (bring-up and register reads; the mining path uses `receive`).
    func readReplies(timeout: Seconds) -> [BM13xxReply] {
        guard let bytes = try? port.read(maxCount: 4096, timeout: timeout), !bytes.isEmpty else {
            decoder.dropPartial()
            copyDecoderCounts()
            state.withLock { $0.stats.timeouts += 1 }
            return []
        }
        defer { copyDecoderCounts() }
        return decoder.feed(bytes)
    }

    /// Reads one register of every chip (bring-up tools; a receiving thread waits meanwhile).
    public func readRegister(_ register: UInt8) throws(BM13xxError) -> [(chip: UInt8, value: UInt32)] {
        try readLock.withLock { _ throws(BM13xxError) in try readRegisterHoldingReadLock(register) }
    }

    private func readRegisterHoldingReadLock(_ register: UInt8) throws(BM13xxError) -> [(chip: UInt8, value: UInt32)] {
        do { try write(BM13xxFrame.readRegister(register, all: true)) } catch { throw .bus(error) }
        var out: [(chip: UInt8, value: UInt32)] = []
        let expected = max(1, configuration.expectedChips)
        for _ in 0..<(expected * 4) {
            let replies = readReplies(timeout: configuration.replyTimeout)
            if replies.isEmpty { break }
            for reply in replies {
                switch reply {
                case let .register(value, chip, reg) where reg == register: out.append((chip, value))
                case .nonce(let n): handle(n)
                default: break
                }
            }
            if out.count >= expected { break }
        }
        return out
    }
}

import HearthCore

/// What a driver's `set_device` returned: nothing (OK, 119), text in the reply
/// buffer (info, 118) or an error string (failed, 120).
enum AvalonAscsetOutcome: Sendable, Hashable {
    case ok
    case info(String)
    case failed(String)
}

/// The firmware's `ascset` options, as `avalon_set_device` and its handlers in the
/// open Nano 3S firmware answer them (messages copied from the source, typos
/// included, because clients match on them). Soft off/on follow the Q's recorded
/// replies. Options a model's `help` lists but the emulator does not model (LED,
/// wallpaper, passwords…) answer OK and change nothing.
enum AvalonAscset {
    /// Options whose handler runs without a value (`check_request_value` false).
    static let optionsWithoutValue: Set<String> = ["help", "voltage", "loop"]

    /// Runs `option` with its `setting` (the text after the option's comma, if any).
    /// Returns the outcome and whether the heat setting changed (a hash-board restart).
    static func run(option rawOption: String, setting: String?, state: inout AvalonFirmwareState,
                    now: Seconds) -> (outcome: AvalonAscsetOutcome, changedSetting: Bool)
    {
        let profile = state.profile
        // strcasecmp over the firmware's table.
        guard let option = profile.options.first(where: { $0.lowercased() == rawOption.lowercased() }) else {
            return (.failed("Unknown option: \(rawOption)"), false)
        }
        if !optionsWithoutValue.contains(option), setting?.isEmpty ?? true {
            return (.failed("missing \(option) setting"), false)
        }
        let value = setting ?? ""
        switch option {
        case "help":
            return (.info(profile.options.map { "\($0)|" }.joined()), false)
        case "fan-spd":
            guard let percent = CScan.integer(value) else { return (.failed("No value passed to avalon-fan"), false) }
            guard percent == -1 || (15...100).contains(percent) else {
                return (.failed("invalid fan value, valid range 15-100 for stable pwm,-1 for auto adjust"), false)
            }
            state.fanPercent = percent == -1 ? nil : percent
            return (.ok, false)
        case "workmode":
            return workMode(value, state: &state, now: now)
        case "worklevel":
            return workLevel(value, state: &state, now: now)
        case "work_mode_lvl":
            return workModeAndLevel(value, state: &state, now: now)
        case "reboot":
            guard let delay = CScan.integer(value) else { return (.failed("reboot value not number"), false) }
            // `%hd` into a uint16_t: a negative delay wraps to a large one.
            guard (0...300).contains(delay) else { return (.failed("reboot value should be 0~300 seconds"), false) }
            state.rebootAt = Seconds(now.value + Double(delay))
            return (.ok, false)
        case "lcd":
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = CScan.integer(parts[0]), let val = CScan.integer(parts[1]) else {
                return (.failed("No value passed to lcd"), false)
            }
            if id == 0 { state.lcdOn = val == 0 ? 0 : 1 }
            return (.info("success lcd:id[\(id)] val[\(val)] len=4"), false)
        case "softoff", "softon":
            return soft(option, value, state: &state, now: now)
        default:
            return (.ok, false)
        }
    }

    /// `workmode,get` / `workmode,set,N` (`set_avalon_device_workmode`).
    private static func workMode(_ value: String, state: inout AvalonFirmwareState, now: Seconds)
        -> (outcome: AvalonAscsetOutcome, changedSetting: Bool)
    {
        let (command, numbers) = CScan.commandAndNumbers(value, count: 1)
        if numbers.isEmpty, command == "get" { return (.info("workmode \(state.setting)"), false) }
        guard command == "set", let raw = numbers.first else { return (.failed("error:2 parameter error"), false) }
        let mode = Int(UInt8(truncatingIfNeeded: raw))  // `%hhd` into a uint8_t
        let maxMode = state.profile.settings.map(\.value).max() ?? 0
        guard mode <= maxMode else { return (.failed("error:1 not support set workmode max_mode[\(maxMode)]"), false) }
        if state.isCalibrating {
            return (.failed("current mode \(state.setting) is caling Don't permit switch mode"), false)
        }
        guard mode != state.setting else { return (.ok, false) }
        state.change(setting: mode, level: state.level, at: now)
        return (.ok, true)
    }

    /// `worklevel,get` / `worklevel,set,L` (`set_avalon_device_worklevel`). On the Nano 3
    /// the level is the heat setting; on the others only the levels of `levelRange` exist.
    private static func workLevel(_ value: String, state: inout AvalonFirmwareState, now: Seconds)
        -> (outcome: AvalonAscsetOutcome, changedSetting: Bool)
    {
        let levelIsSetting = state.profile.knob == .workLevel
        let current = levelIsSetting ? state.setting : state.level
        let (command, numbers) = CScan.commandAndNumbers(value, count: 1)
        if numbers.isEmpty, command == "get" { return (.info("worklevel \(current)"), false) }
        guard command == "set", let raw = numbers.first,
              state.profile.levelRange.contains(Int(Int8(truncatingIfNeeded: raw)))
        else { return (.failed("worklevel unknown argument"), false) }
        let level = Int(Int8(truncatingIfNeeded: raw))
        if state.isCalibrating {
            return (.failed("current level \(current) is caling,Don't permit switch level"), false)
        }
        guard level != current else { return (.ok, false) }
        if levelIsSetting {
            state.change(setting: level, level: 0, at: now)
        } else {
            state.change(setting: state.setting, level: level, at: now)
        }
        return (.ok, true)
    }

    /// `work_mode_lvl,get` / `work_mode_lvl,set,M,L` (`set_avalon_work_mode_lvl`). The
    /// firmware checks `mode < max_mode` here (not `<=` as `workmode` does), so this
    /// option cannot reach the top mode; the emulator keeps that.
    private static func workModeAndLevel(_ value: String, state: inout AvalonFirmwareState, now: Seconds)
        -> (outcome: AvalonAscsetOutcome, changedSetting: Bool)
    {
        let (command, numbers) = CScan.commandAndNumbers(value, count: 2)
        if numbers.isEmpty, command == "get" {
            return (.info("workmode \(state.setting) worklevel \(state.level)"), false)
        }
        guard command == "set", numbers.count == 2 else { return (.failed("error:2 parameter error"), false) }
        if state.isCalibrating {
            return (.failed("current mode \(state.setting) is caling. Don't permit switch mode"), false)
        }
        let mode = Int(UInt8(truncatingIfNeeded: numbers[0]))
        let level = Int(Int8(truncatingIfNeeded: numbers[1]))
        let maxMode = state.profile.settings.map(\.value).max() ?? 0
        guard mode < maxMode else { return (.failed("error:1 not support set workmode max_mode[\(maxMode)]"), false) }
        let range = state.profile.levelRange
        guard range.contains(level) else {
            return (.failed("worklevel unknown argument level range:\(range.lowerBound) ~ \(range.upperBound)"), false)
        }
        guard mode != state.setting || level != state.level else { return (.ok, false) }
        state.change(setting: mode, level: level, at: now)
        return (.ok, true)
    }

    /// `softoff,1:<unix time>` / `softon,1:<unix time>`: takes effect at that time on the
    /// unit's clock (now, if it has passed); the Q answers 118 `success softoff:<time>`.
    /// The reply to a malformed value is not recorded anywhere public (assumed here).
    private static func soft(_ option: String, _ value: String, state: inout AvalonFirmwareState, now: Seconds)
        -> (outcome: AvalonAscsetOutcome, changedSetting: Bool)
    {
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, CScan.integer(parts[0]) != nil, let time = CScan.integer(parts[1]) else {
            return (.failed("\(option) parameter error"), false)
        }
        let at = max(Int64(time), state.unixTime(now))
        if option == "softoff" {
            state.scheduledSoftOff = at
        } else {
            state.scheduledSoftOn = at
        }
        // A time already reached takes effect within this command.
        state.applyDueChanges(at: now)
        return (.info("success \(option):\(time)"), false)
    }
}

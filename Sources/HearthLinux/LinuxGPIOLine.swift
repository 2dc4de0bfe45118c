import CGPIOD
import Glibc
import HearthCore
import HearthHAL

/// Where a GPIO line is: a chip (name "gpiochip0", label "pinctrl-bcm2711",
/// number "0" or path "/dev/gpiochip0") plus an offset, or a line name from
/// the device tree ("GPIO17").
public enum GPIOLineAddress: Sendable, Hashable, CustomStringConvertible {
    case chip(String, offset: Int)
    case named(String)

    public var description: String {
        switch self {
        case let .chip(chip, offset): "\(chip) line \(offset)"
        case let .named(name): "line \"\(name)\""
        }
    }
}

/// How a line is requested.
public enum GPIORequest: Sendable, Hashable {
    /// Input; with `edges`, the kernel also queues rising and falling edges for `waitForEdge`.
    case input(edges: Bool)
    /// Output driven to `initial` (logical, i.e. after active-low) from the moment of the request.
    case output(initial: Bool)
}

public enum GPIOEdge: Sendable, Hashable {
    case rising, falling
}

/// One GPIO line held through libgpiod v1 (character device), consumer "hearth".
/// The request is released by `close()`, by deinit, and by the kernel when the process dies.
public final class LinuxGPIOLine: GPIOLine {
    public let name: String
    public let address: GPIOLineAddress
    public let request: GPIORequest
    /// The chip's device path ("/dev/gpiochip0"), for messages.
    public let chipPath: String
    private var chip: OpaquePointer?
    private var line: OpaquePointer?

    /// Request the line. Fails with `.notFound` (no such chip/line), `.permissionDenied`,
    /// or `.busy` naming the consumer that holds it.
    public init(_ address: GPIOLineAddress, request: GPIORequest, activeLow: Bool = false,
                name: String? = nil, consumer: String = "hearth") throws(BusError) {
        self.address = address
        self.request = request
        self.name = name ?? address.description
        let (chip, offset, path) = try Self.openChip(address)
        self.chipPath = path
        self.chip = chip
        let lines = Int(gpiod_chip_num_lines(chip))
        guard (0..<lines).contains(offset), let line = gpiod_chip_get_line(chip, UInt32(offset)) else {
            gpiod_chip_close(chip)
            self.chip = nil
            throw BusError(.notFound, bus: path,
                           detail: "no line \(offset) (the chip has \(lines) lines); fix: check the line number with gpioinfo")
        }
        var config = gpiod_line_request_config()
        switch request {
        case .input(let edges):
            config.request_type = Int32(edges ? GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES : GPIOD_LINE_REQUEST_DIRECTION_INPUT)
        case .output:
            config.request_type = Int32(GPIOD_LINE_REQUEST_DIRECTION_OUTPUT)
        }
        config.flags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        var initial: Int32 = 0
        if case .output(let on) = request { initial = on ? 1 : 0 }
        let result = consumer.withCString { c -> Int32 in
            config.consumer = c
            return gpiod_line_request(line, &config, initial)
        }
        if result < 0 {
            let code = errno
            var error = linuxError(code, .gpio, path: path, action: "request line \(offset)")
            if code == EBUSY {
                // libgpiod reads the holder's consumer label from the kernel.
                _ = gpiod_line_update(line)
                let holder = gpiod_line_consumer(line).map { String(cString: $0) } ?? "unknown"
                error.detail = "line \(offset) is in use by \"\(holder)\"; fix: stop that program or free the line"
            }
            gpiod_chip_close(chip)
            self.chip = nil
            throw error
        }
        self.line = line
    }

    deinit { close() }

    /// Release the line and close the chip. Safe to call twice.
    public func close() {
        if let line { gpiod_line_release(line) }
        if let chip { gpiod_chip_close(chip) }
        line = nil
        chip = nil
    }

    public func set(_ active: Bool) throws(BusError) {
        let line = try held()
        guard case .output = request else {
            throw BusError(.notSupported, bus: chipPath, detail: "\(name) is an input; it can't be driven")
        }
        if gpiod_line_set_value(line, active ? 1 : 0) < 0 {
            throw linuxError(errno, .gpio, path: chipPath, action: "set \(name)")
        }
    }

    public func get() throws(BusError) -> Bool {
        let line = try held()
        let v = gpiod_line_get_value(line)
        if v < 0 { throw linuxError(errno, .gpio, path: chipPath, action: "read \(name)") }
        return v == 1
    }

    /// Wait up to `timeout` for the next edge; nil when none came.
    /// Only for lines requested with `.input(edges: true)`.
    public func waitForEdge(timeout: Seconds) throws(BusError) -> GPIOEdge? {
        let line = try held()
        guard case .input(edges: true) = request else {
            throw BusError(.notSupported, bus: chipPath, detail: "\(name) was not requested for edge events")
        }
        var ts = timespecFor(seconds: timeout.value)
        let ready = gpiod_line_event_wait(line, &ts)
        if ready < 0 { throw linuxError(errno, .gpio, path: chipPath, action: "wait for an edge on \(name)") }
        if ready == 0 { return nil }
        var event = gpiod_line_event()
        if gpiod_line_event_read(line, &event) < 0 {
            throw linuxError(errno, .gpio, path: chipPath, action: "read an edge on \(name)")
        }
        return event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE) ? .rising : .falling
    }

    /// Count rising edges during `window` (a fan tach), discarding edges queued before.
    public func countRisingEdges(during window: Seconds) throws(BusError) -> Int {
        while try waitForEdge(timeout: Seconds(0)) != nil {}
        let deadline = monotonicSeconds() + window.value
        var count = 0
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { break }
            if try waitForEdge(timeout: Seconds(left)) == .rising { count += 1 }
        }
        return count
    }

    private func held() throws(BusError) -> OpaquePointer {
        guard let line else { throw BusError(.io, bus: chipPath, detail: "\(name) has been released") }
        return line
    }

    /// Open the chip the address names; returns chip, offset and device path.
    private static func openChip(_ address: GPIOLineAddress) throws(BusError) -> (OpaquePointer, Int, String) {
        switch address {
        case let .chip(descr, offset):
            let opened: OpaquePointer?
            let path: String
            if descr.hasPrefix("/") {
                path = descr
                opened = gpiod_chip_open(descr)
            } else if descr.hasPrefix("gpiochip") {
                path = "/dev/\(descr)"
                opened = gpiod_chip_open_by_name(descr)
            } else if let n = UInt32(descr) {
                path = "/dev/gpiochip\(n)"
                opened = gpiod_chip_open_by_number(n)
            } else {
                path = "gpio chip labelled \"\(descr)\""
                opened = gpiod_chip_open_by_label(descr)
            }
            guard let chip = opened else { throw linuxError(errno, .gpio, path: path, action: "open") }
            let chipName = gpiod_chip_name(chip).map { String(cString: $0) }
            return (chip, offset, chipName.map { "/dev/\($0)" } ?? path)
        case let .named(lineName):
            var chipName = [CChar](repeating: 0, count: 64)
            var offset: UInt32 = 0
            let found = gpiod_ctxless_find_line(lineName, &chipName, chipName.count, &offset)
            if found < 0 { throw linuxError(errno, .gpio, path: "/dev/gpiochip*", action: "look up line \"\(lineName)\"") }
            guard found == 1 else {
                throw BusError(.notFound, bus: "/dev/gpiochip*",
                               detail: "no GPIO line named \"\(lineName)\"; fix: list line names with gpioinfo")
            }
            let name = String(decoding: chipName.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let chip = gpiod_chip_open_by_name(name) else {
                throw linuxError(errno, .gpio, path: "/dev/\(name)", action: "open")
            }
            return (chip, Int(offset), "/dev/\(name)")
        }
    }
}

/// The BME280's trimming values and the datasheet's integer compensation (§4.2.3).

extension BME280 {
    /// Trimming values (datasheet table 16): little-endian words at 0x88…0x9F, dig_H1 at
    /// 0xA1, dig_H2…dig_H6 at 0xE1…0xE7, where dig_H4 and dig_H5 are 12-bit signed values
    /// sharing the nibbles of 0xE5.
    public struct Calibration: Sendable, Hashable {
        public var t1: UInt16, t2: Int16, t3: Int16
        public var p1: UInt16, p2: Int16, p3: Int16, p4: Int16, p5: Int16, p6: Int16, p7: Int16, p8: Int16, p9: Int16
        public var h1: UInt8, h2: Int16, h3: UInt8, h4: Int16, h5: Int16, h6: Int8

        public init(t1: UInt16, t2: Int16, t3: Int16,
                    p1: UInt16, p2: Int16, p3: Int16, p4: Int16, p5: Int16, p6: Int16, p7: Int16, p8: Int16, p9: Int16,
                    h1: UInt8, h2: Int16, h3: UInt8, h4: Int16, h5: Int16, h6: Int8) {
            (self.t1, self.t2, self.t3) = (t1, t2, t3)
            (self.p1, self.p2, self.p3, self.p4, self.p5, self.p6, self.p7, self.p8, self.p9) = (p1, p2, p3, p4, p5, p6, p7, p8, p9)
            (self.h1, self.h2, self.h3, self.h4, self.h5, self.h6) = (h1, h2, h3, h4, h5, h6)
        }

        /// Decode the 26 bytes from 0x88 and the 7 bytes from 0xE1.
        public init(temperaturePressureBlock a: [UInt8], humidityBlock b: [UInt8]) {
            precondition(a.count == 26 && b.count == 7, "BME280 calibration blocks are 26 and 7 bytes")
            func u16(_ i: Int) -> UInt16 { UInt16(a[i]) | UInt16(a[i + 1]) << 8 }
            func s16(_ i: Int) -> Int16 { Int16(bitPattern: u16(i)) }
            self.init(t1: u16(0), t2: s16(2), t3: s16(4),
                      p1: u16(6), p2: s16(8), p3: s16(10), p4: s16(12), p5: s16(14), p6: s16(16), p7: s16(18),
                      p8: s16(20), p9: s16(22),
                      h1: a[25], h2: Int16(bitPattern: UInt16(b[0]) | UInt16(b[1]) << 8), h3: b[2],
                      h4: Int16(Int8(bitPattern: b[3])) << 4 | Int16(b[4] & 0x0F),
                      h5: Int16(Int8(bitPattern: b[5])) << 4 | Int16(b[4] >> 4),
                      h6: Int8(bitPattern: b[6]))
        }

        /// The two register blocks that decode to these values (what the silicon holds).
        public var registerBlocks: (temperaturePressure: [UInt8], humidity: [UInt8]) {
            func le(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
            func le(_ v: Int16) -> [UInt8] { le(UInt16(bitPattern: v)) }
            var a = le(t1) + le(t2) + le(t3) + le(p1)
            for p in [p2, p3, p4, p5, p6, p7, p8, p9] { a += le(p) }
            a += [0, h1]
            let h4Bits = UInt16(bitPattern: h4), h5Bits = UInt16(bitPattern: h5)
            let b = le(h2) + [h3, UInt8(truncatingIfNeeded: h4Bits >> 4),
                              UInt8(h4Bits & 0x0F) | UInt8(truncatingIfNeeded: (h5Bits & 0x0F) << 4),
                              UInt8(truncatingIfNeeded: h5Bits >> 4), UInt8(bitPattern: h6)]
            return (a, b)
        }
    }

    /// The datasheet's integer compensation, kept bit for bit (its "t_fine" carries the
    /// temperature into the pressure and humidity formulas). Wrapping arithmetic, as the
    /// C reference behaves on real hardware: garbage input gives a garbage value, which the
    /// plausibility checks catch, never a crash.
    public enum Compensation {
        /// Temperature in 0.01 °C and t_fine.
        public static func temperature(adcT: Int32, _ c: Calibration) -> (centidegrees: Int32, fine: Int32) {
            let t1 = Int32(c.t1), t2 = Int32(c.t2), t3 = Int32(c.t3)
            let var1 = (((adcT >> 3) &- (t1 &<< 1)) &* t2) >> 11
            let d = (adcT >> 4) &- t1
            let var2 = (((d &* d) >> 12) &* t3) >> 14
            let fine = var1 &+ var2
            return ((fine &* 5 &+ 128) >> 8, fine)
        }

        /// Pressure in Pa as Q24.8 (divide by 256), the 64-bit formula.
        public static func pressure(adcP: Int32, fine: Int32, _ c: Calibration) -> UInt32 {
            var var1 = Int64(fine) &- 128_000
            var var2 = var1 &* var1 &* Int64(c.p6)
            var2 = var2 &+ ((var1 &* Int64(c.p5)) &<< 17)
            var2 = var2 &+ (Int64(c.p4) &<< 35)
            var1 = ((var1 &* var1 &* Int64(c.p3)) >> 8) &+ ((var1 &* Int64(c.p2)) &<< 12)
            var1 = (((Int64(1) << 47) &+ var1) &* Int64(c.p1)) >> 33
            guard var1 != 0 else { return 0 }  // the datasheet's guard against division by zero
            var p = 1_048_576 &- Int64(adcP)
            let (quotient, overflow) = (((p &<< 31) &- var2) &* 3125).dividedReportingOverflow(by: var1)
            guard !overflow else { return 0 }
            p = quotient
            var1 = (Int64(c.p9) &* (p >> 13) &* (p >> 13)) >> 25
            var2 = (Int64(c.p8) &* p) >> 19
            p = ((p &+ var1 &+ var2) >> 8) &+ (Int64(c.p7) &<< 4)
            return UInt32(truncatingIfNeeded: p)
        }

        /// Relative humidity in % as Q22.10 (divide by 1024), clamped to 0…100 %.
        public static func humidity(adcH: Int32, fine: Int32, _ c: Calibration) -> UInt32 {
            let h1 = Int32(c.h1), h2 = Int32(c.h2), h3 = Int32(c.h3), h4 = Int32(c.h4), h5 = Int32(c.h5), h6 = Int32(c.h6)
            var v = fine &- 76_800
            let scaled = (((adcH &<< 14) &- (h4 &<< 20) &- (h5 &* v)) &+ 16_384) >> 15
            let curvature = ((((v &* h6) >> 10) &* (((v &* h3) >> 11) &+ 32_768)) >> 10) &+ 2_097_152
            let gain = (curvature &* h2 &+ 8_192) >> 14
            v = scaled &* gain
            v = v &- (((((v >> 15) &* (v >> 15)) >> 7) &* h1) >> 4)
            v = min(max(v, 0), 419_430_400)
            return UInt32(v >> 12)
        }
    }
}

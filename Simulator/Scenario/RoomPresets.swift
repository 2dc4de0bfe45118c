import HearthCore

/// The rooms scenarios run in, one per size of heater. Dimensions and U-values describe a
/// renovated central-European/North-American house (wall U 0.25–0.35, double/triple glazing
/// U 1.1–1.3, 0.5 air changes/h); the runner then scales every area so the room needs
/// `designLoadFraction` of the board's maximum power at the coldest hour (see `sizedRoom`).
public enum RoomPresets {
    /// Light contents that follow the air within minutes: ~5 kg/m² of wood, textile and paper
    /// at ~1.6 kJ/kgK, i.e. 8 kJ/K per m² floor.
    static let lightContents = 8_000.0

    /// Small bedroom in a house built to passive-house-like standards (wall U 0.15, triple glazing
    /// U 0.8, ventilation with heat recovery: 0.15 effective air changes/h); one sleeper at night.
    public static let bedroom = RoomDesign(
        name: "small bedroom (well-insulated house)", floorArea: 7, ceilingHeight: 2.5, exteriorWallArea: 7,
        windowArea: 1.2, wallU: 0.15, windowU: 0.8, windowGValue: 0.5 * 0.8, airChangesPerHour: 0.15,
        internalWallArea: 10, internalWallU: 0.9, houseTemperature: Celsius(19),
        contentsCapacityPerArea: lightContents, massClass: .medium,
        occupancy: Occupancy(presence: [.init(fromHour: 0, toHour: 7, people: 1),
                                        .init(fromHour: 22.5, toHour: 24, people: 1)]))

    /// Living room with one exterior wall; two people in the morning and evening.
    public static let livingRoom = RoomDesign(
        name: "living room", floorArea: 22, ceilingHeight: 2.5, exteriorWallArea: 13, windowArea: 3.5,
        wallU: 0.3, windowU: 1.2, windowGValue: 0.55 * 0.8, airChangesPerHour: 0.5,
        internalWallArea: 18, internalWallU: 0.9, houseTemperature: Celsius(19),
        contentsCapacityPerArea: lightContents, massClass: .medium,
        occupancy: Occupancy(presence: [.init(fromHour: 7, toHour: 8, people: 2),
                                        .init(fromHour: 18, toHour: 23, people: 2)],
                             appliances: [.init(name: "TV and lights", fromHour: 17, toHour: 23, heat: Watts(80))]))

    /// Open-plan living room and kitchen, two exterior walls; a family of three cooks there.
    public static let openPlan = RoomDesign(
        name: "open-plan living room and kitchen", floorArea: 45, ceilingHeight: 2.6, exteriorWallArea: 30,
        windowArea: 8, wallU: 0.35, windowU: 1.3, windowGValue: 0.6 * 0.8, airChangesPerHour: 0.6,
        internalWallArea: 20, internalWallU: 0.9, houseTemperature: Celsius(19),
        contentsCapacityPerArea: lightContents, massClass: .medium,
        occupancy: Occupancy(presence: [.init(fromHour: 6.5, toHour: 8, people: 3),
                                        .init(fromHour: 17, toHour: 22.5, people: 3)],
                             appliances: [.init(name: "breakfast cooking", fromHour: 7, toHour: 7.25, heat: Watts(500)),
                                          .init(name: "dinner cooking", fromHour: 18, toHour: 19, heat: Watts(700)),
                                          .init(name: "TV and lights", fromHour: 17, toHour: 22.5, heat: Watts(100))]))

    /// Seed propagator: a 0.6 × 0.4 × 0.3 m box of 50 mm foam with a plastic lid (mean U ≈ 0.9 W/m²K
    /// over its 1.3 m², leakage included) in an unheated garage at 8 °C, out of the sun; the soil
    /// trays are its mass (ISO "light" per m² of tray, coupled to the air only).
    public static let propagator = RoomDesign(
        name: "seed propagator in an unheated garage", floorArea: 0.24, ceilingHeight: 0.3, exteriorWallArea: 0,
        windowArea: 0, wallU: 0, windowU: 0, windowGValue: 0, windowFacesSouth: false, airChangesPerHour: 0,
        internalWallArea: 1.32, internalWallU: 0.9, houseTemperature: Celsius(8),
        contentsCapacityPerArea: 3_000, massClass: .light, occupancy: .none)

    /// The preset a board of this maximum power heats.
    public static func forHeater(maximumPower: Watts) -> RoomDesign {
        switch maximumPower.value {
        case ..<60: propagator
        case ..<400: bedroom
        case ..<1200: livingRoom
        default: openPlan
        }
    }
}

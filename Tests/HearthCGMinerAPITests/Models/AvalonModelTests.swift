import HearthCGMinerAPI
import HearthCore
import Testing

@Suite struct AvalonModelTests {
    @Test func versionFieldsNameTheModel() {
        #expect(AvalonModel.identify(product: "Avalon Nano3s", model: "Nano3s") == .nano3s)
        #expect(AvalonModel.identify(product: "Avalon Mini3", model: "Mini3") == .mini3)
        #expect(AvalonModel.identify(product: "Avalon Q", model: "Q") == .q)
        #expect(AvalonModel.identify(product: "AvalonNano", model: "Nano3") == .nano3)
        #expect(AvalonModel.identify(product: "AvalonMiner 15-194", model: "15-194") == nil)
        #expect(AvalonModel.identify(product: "AvalonNano", model: nil) == nil)
    }

    @Test func theEstatsVersionTagNamesTheModel() {
        #expect(AvalonModel.identify(estatsVersion: "Nano3s-25021401_56abae7") == .nano3s)
        #expect(AvalonModel.identify(estatsVersion: "nano3-24071801_42c628d") == .nano3)
        #expect(AvalonModel.identify(estatsVersion: "Mini3-25011701_3f53b19") == .mini3)
        #expect(AvalonModel.identify(estatsVersion: "Q-25052801_14a19a2") == .q)
        #expect(AvalonModel.identify(estatsVersion: "1246-83-21072802_4ec6bb0_211fc46") == nil)
    }

    @Test func profilesKnowTheirHeatSettings() {
        let nano = AvalonModel.nano3s.profile
        #expect(nano.heatKnob == .workMode)
        #expect(nano.settings.map(\.name) == ["Low", "Mid", "High"])
        #expect(nano.setting(2)?.approximatePower == Watts(140))
        #expect(nano.hasSoftOff == false)
        #expect(AvalonModel.q.profile.hasSoftOff == true)
        #expect(AvalonModel.q.profile.settings.map(\.name) == ["Eco", "Standard", "Super"])
        #expect(AvalonModel.mini3.profile.settings.map(\.name) == ["Heater", "Mining", "Night"])
        #expect(AvalonModel.nano3.profile.heatKnob == .workLevel)
        #expect(AvalonModel.nano3.profile.hasSoftOff == nil)
        for model in AvalonModel.allCases {
            #expect(model.profile.model == model)
            #expect(model.profile.settings.map(\.value) == [0, 1, 2])
        }
    }
}

import HearthAvalon
import Testing

@Suite struct DiscoveryTests {
    @Test func cidrBlocksBecomeTheirHostAddresses() throws {
        #expect(try AvalonDiscovery.hosts(cidr: "192.0.2.0/30") == ["192.0.2.1", "192.0.2.2"])
        #expect(try AvalonDiscovery.hosts(cidr: "192.0.2.7") == ["192.0.2.7"])
        #expect(try AvalonDiscovery.hosts(cidr: "192.0.2.9/24").count == 254)
        #expect(try AvalonDiscovery.hosts(cidr: "10.1.0.0/22").count == 1022)
    }

    @Test func badOrHugeNetworksAreOneClearError() {
        for (text, words) in [("10.0.0.0/16", "at most 1024"), ("300.1.1.1/24", "IPv4 address"), ("10.0.0.0/33", "0…32"),
                              ("host.example", "IPv4 address"), ("1.2.3.4/24/1", "one '/'")] {
            #expect(throws: DiscoveryError.self) { try AvalonDiscovery.hosts(cidr: text) }
            do { _ = try AvalonDiscovery.hosts(cidr: text) } catch {
                #expect(error.description.contains(words), "\(error)")
            }
        }
    }

    @Test func aScanOfLoopbackAddressesWithNoMinerFindsNothing() async {
        let found = await AvalonDiscovery.scan(hosts: (150...157).map { "127.0.0.\($0)" }, port: 4028, concurrency: 4,
                                               timeout: .milliseconds(300))
        #expect(found.isEmpty)
    }
}

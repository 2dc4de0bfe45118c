import HearthStratum
import HearthTestPool
import NIOSSL
import Testing

/// `stratum+ssl`: the client verifies the pool's certificate (a self-signed test one for 127.0.0.1).
@Suite struct ClientTLSTests {
    static let certificate = """
-----BEGIN CERTIFICATE-----
MIIBpzCCAUygAwIBAgIUG0ZWaGxVgl4KuWMoa5PwQ62zZW8wCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQaGVhcnRoIHRlc3QgcG9vbDAgFw0yNjExMjQwOTA4NDdaGA8y
MTI2MTAzMTA5MDg0N1owGzEZMBcGA1UEAwwQaGVhcnRoIHRlc3QgcG9vbDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABOdHLYW7xZE+LXpOhboMZvGeUXD6LVad0duh
fUsOrSNeXq0r+luMDpL5nHB9yY4pr+8m2LSGHJphRu5OEkM7NtmjbDBqMB0GA1Ud
DgQWBBSMQg7Qa4FjPHYOd/uIPEsLR1MiMjAfBgNVHSMEGDAWgBSMQg7Qa4FjPHYO
d/uIPEsLR1MiMjAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDAYDVR0TAQH/
BAIwADAKBggqhkjOPQQDAgNJADBGAiEA0cBVZDqYQgpgIVTTkT+KmFhA0zOPQVc+
742c9CDStiYCIQDAH1InIAp8/TAJGDsmHfFoW+HKnzkdrdyn4dDQynyrbw==
-----END CERTIFICATE-----
"""

    static let privateKey = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHjvMlmNbRyjXcoXq
wGUauMsar96VQ8fbgp0GeE9QnYehRANCAATnRy2Fu8WRPi16ToW6DGbxnlFw+i1W
ndHboX1LDq0jXl6tK/pbjA6S+ZxwfcmOKa/vJti0hhyaYUbuThJDOzbZ
-----END PRIVATE KEY-----
"""

    func tlsPool() async throws -> (TestPool, Int) {
        try await Loopback.pool {
            $0.tlsCertificatePEM = Self.certificate
            $0.tlsPrivateKeyPEM = Self.privateKey
        }
    }

    @Test func minesOverTLSWithTheTrustedCertificate() async throws {
        let (pool, port) = try await tlsPool()
        var options = Loopback.options()
        options.tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(Self.certificate.utf8)))
        let config = PoolConfig(url: try PoolURL(parsing: "stratum+ssl://127.0.0.1:\(port)"), user: "bc1qtest.heater")
        let loop = Loopback(pools: [config], options: options)
        let work = try #require(await loop.work(from: port))
        #expect(work.pool.url.transport == .ssl)
        await loop.shutdown(pool)
    }

    @Test func untrustedCertificateIsAFailureNamingThePeer() async throws {
        let (pool, port) = try await tlsPool()
        let config = PoolConfig(url: try PoolURL(parsing: "stratum+ssl://127.0.0.1:\(port)"), user: "bc1qtest.heater")
        let loop = Loopback(pools: [config])
        #expect(await loop.recorder.wait { $0.contains { $0.disconnectReason(port: port) != nil } })
        #expect(!loop.recorder.snapshot.contains { $0.isMiningState })
        #expect(loop.logs.all.contains { $0.level >= .error && $0.peer == "127.0.0.1:\(port)" })
        await loop.shutdown(pool)
    }
}

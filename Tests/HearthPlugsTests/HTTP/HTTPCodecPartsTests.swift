import Testing

@testable import HearthPlugs

/// The pure parts of the HTTP client, on known values.
@Suite struct HTTPCodecPartsTests {
    @Test func digestMatchesTheRFC7616SHA256Example() {
        // RFC 7616 §3.9.1, the SHA-256 response.
        let response = DigestAuthorization.response(
            username: "Mufasa", password: "Circle of Life", realm: "http-auth@example.org", method: "GET",
            uri: "/dir/index.html", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc: "00000001",
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        #expect(response == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
    }

    @Test func digestHeaderCountsRequestsUnderOneNonce() throws {
        let challenge = try #require(try AuthChallenge.parse(
            #"Digest qop="auth", realm="shellyplugsg3-8cbfea9a1b2c", nonce="6524f3d1", algorithm=SHA-256"#).first)
        var digest = try DigestAuthorization(challenge: challenge)
        let credentials = HTTPCredentials(username: "admin", password: "pw", scheme: .digest)
        let first = digest.header(method: "GET", uri: "/rpc/Switch.GetStatus?id=0", credentials: credentials, cnonce: "abc")
        let second = digest.header(method: "GET", uri: "/rpc/Switch.GetStatus?id=0", credentials: credentials, cnonce: "abc")
        #expect(first.hasPrefix("Digest username=\"admin\", realm=\"shellyplugsg3-8cbfea9a1b2c\", nonce=\"6524f3d1\""))
        #expect(first.contains("nc=00000001") && second.contains("nc=00000002"))
        #expect(first.contains("algorithm=SHA-256") && first.contains("qop=auth"))
        #expect(!first.contains("pw"))
    }

    @Test func digestRefusesMD5AndAuthInt() throws {
        let md5 = try #require(try AuthChallenge.parse(#"Digest realm="r", nonce="n", qop="auth""#).first)
        #expect(throws: DigestAuthorization.Unsupported.self) { try DigestAuthorization(challenge: md5) }
        let authInt = try #require(try AuthChallenge.parse(#"Digest realm="r", nonce="n", qop="auth-int", algorithm=SHA-256"#).first)
        #expect(throws: DigestAuthorization.Unsupported.self) { try DigestAuthorization(challenge: authInt) }
    }

    @Test func challengesSplitBySchemeWithQuotedCommas() throws {
        let challenges = try AuthChallenge.parse(
            #"Basic realm="a, b", Digest realm="dev", nonce="x\"y", algorithm=SHA-256, qop="auth,auth-int""#)
        #expect(challenges.map(\.scheme) == ["basic", "digest"])
        #expect(challenges[0].parameters["realm"] == "a, b")
        #expect(challenges[1].parameters["nonce"] == "x\"y")
        #expect(challenges[1].parameters["qop"] == "auth,auth-int")
    }

    @Test func unterminatedChallengeNamesItsOffset() {
        #expect(throws: AuthChallenge.ParseError(offset: 13, reason: "quoted value never ends")) {
            try AuthChallenge.parse(#"Digest realm="never"#)
        }
        #expect(throws: AuthChallenge.ParseError.self) { try AuthChallenge.parse("realm=x") }
    }

    @Test func base64MatchesRFC4648() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { #expect(Base64.encode(Array(plain.utf8)) == encoded) }
    }

    @Test func percentEncodingKeepsOnlyUnreservedBytes() throws {
        #expect(PercentEncoding.encode("Power On") == "Power%20On")
        #expect(PercentEncoding.encode("a+b/c?d=é") == "a%2Bb%2Fc%3Fd%3D%C3%A9")
        #expect(try PercentEncoding.decode("p%40ss%3Aw%2Fd").get() == "p@ss:w/d")
        #expect(throws: PercentEncoding.DecodeError(offset: 2, reason: "'%' must be followed by two hex digits")) {
            try PercentEncoding.decode("ab%4").get()
        }
    }

    @Test func requestDescriptionHidesSecretQueryValues() {
        let request = HTTPRequest.get("/cm", query: [.init("user", "admin"), .init("password", "s3cr3t&", isSecret: true),
                                                     .init("cmnd", "Power On")])
        #expect(request.target == "/cm?user=admin&password=s3cr3t%26&cmnd=Power%20On")
        #expect(request.description == "GET /cm?user=admin&password=<hidden>&cmnd=Power%20On")
    }

    @Test func credentialsNeverPrintTheirPassword() {
        let credentials = HTTPCredentials(username: "admin", password: "hunter2")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("hunter2"))
        }
    }

    @Test func bodySnippetEscapesAndBounds() {
        let bytes = Array("ok\n".utf8) + [0x00, 0xFF] + Array(repeating: UInt8(ascii: "x"), count: 200)
        let snippet = HTTPResponse(status: 200, body: bytes).bodySnippet
        #expect(snippet.hasPrefix("ok\\n\\x00\\xff"))
        #expect(snippet.hasSuffix("… (205 bytes)"))
    }
}

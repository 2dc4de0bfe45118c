import HearthSupport

/// HearthSupport's JSON parser: every JSON body the daemon reads goes through it.
let jsonTarget = FuzzTarget(name: "json") { bytes in
    guard let value = try? JSONParser.parse(bytes) else { return }
    // What parses must also survive our own writer and parse again.
    let text = value.serialized(pretty: false)
    if (try? JSONParser.parse(text)) == nil { fatalError("json: writer output does not parse again: \(text.prefix(200))") }
}

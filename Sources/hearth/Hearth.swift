import HearthCLI

/// The `hearth` executable: everything lives in HearthCLI so tests can reach it.
@main
struct Hearth {
    static func main() async {
        await HearthCommand.main()
    }
}

import Foundation
import Hummingbird

/// Answers `405 Method Not Allowed` with an `Allow` header when a known path is asked
/// with a method it does not serve; the router alone would say 404, which tells a
/// client the path is wrong when only the method is. The table of known paths comes
/// from the OpenAPI document (and the dashboard's files), so the document and this
/// answer cannot drift apart.
struct MethodGuard<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    typealias Context = BasicRequestContext
    let inner: Inner
    let allowed: [String: [HTTPRequest.Method]]

    init(_ inner: Inner, allowed: [String: [HTTPRequest.Method]] = DocumentedMethods.table) {
        self.inner = inner
        self.allowed = allowed
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        if let methods = allowed[Self.normalized(request.uri.path)], !methods.contains(request.method) {
            let list = methods.map(\.rawValue).joined(separator: ", ")
            var response = APIError(.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(list)").response
            response.headers[.allow] = list
            return response
        }
        return try await inner.respond(to: request, context: context)
    }

    /// The router ignores a trailing slash; so does the table.
    static func normalized(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}

/// The path → methods table read once from `OpenAPIDocument.json`.
enum DocumentedMethods {
    static let table: [String: [HTTPRequest.Method]] = {
        var table: [String: [HTTPRequest.Method]] = [:]
        let order = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        if let doc = try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any],
           let paths = doc["paths"] as? [String: Any] {
            for (path, item) in paths {
                guard let operations = item as? [String: Any] else { continue }
                table[path] = order.filter { operations[$0] != nil }.compactMap { HTTPRequest.Method($0.uppercased()) }
            }
        }
        for asset in Dashboard.assets where table[asset.path] == nil { table[asset.path] = [.get] }
        return table
    }()
}

import Hummingbird

/// On a listener reachable from the network, reads need the bearer token too (unless
/// `[api] public_reads = true`): a heater's status tells who is home. The dashboard's
/// own files and the API description stay open, they carry no data and the page must
/// load to ask for the token.
struct ReadTokenGate: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let isRead = request.method == .get || request.method == .head
        if let refusal = Self.refusal(isRead: isRead, path: request.uri.path, token: token,
                                      authorization: request.headers[.authorization]) {
            return refusal.response
        }
        return try await next(request, context)
    }

    static func isOpen(_ path: String) -> Bool {
        path == "/" || path == "/v1/openapi.json" || path.hasPrefix("/assets/")
    }

    /// Why a read is refused, or nil to let it through. Writes are the routes' own
    /// check (`APIRoutes.authorize`), with their own words.
    static func refusal(isRead: Bool, path: String, token: String?, authorization: String?) -> APIError? {
        guard isRead, !isOpen(path) else { return nil }
        guard let token else {
            return APIError(.forbidden, "reads on this listener need the token: set token_file in the config, or public_reads = true in [api]")
        }
        guard let header = authorization, header.hasPrefix("Bearer ") else {
            return APIError(.unauthorized, "reads on this listener need 'Authorization: Bearer <token>' (the token is in the daemon's token_file)")
        }
        return constantTimeEqual(Array(header.dropFirst(7).utf8), Array(token.utf8)) ? nil : APIError(.unauthorized, "wrong token")
    }
}

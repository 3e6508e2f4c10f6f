import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form: repeated names keep every value, in order.
public struct Form: Sendable {
    public let pairs: [(String, String)]

    public init(pairs: [(String, String)]) { self.pairs = pairs }

    public init(encoded text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    public static func read(_ request: Request, context: SiteContext) async throws -> Form {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return Form(encoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    public subscript(_ name: String) -> String { pairs.first { $0.0 == name }?.1 ?? "" }

    public func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}

/// HTML-escapes text for the few places where markup is built in Swift (`<abbr>`).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

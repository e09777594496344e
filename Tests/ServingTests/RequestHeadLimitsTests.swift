@testable import Serving
import Testing

/// The byte counter in front of the HTTP parser: 414 for a long request line, 431 for a long
/// header line or head, whatever way the bytes are cut into reads.
@Suite struct RequestHeadLimitsTests {
    /// Feeds `chunks` in order; the first refusal, or `.within`.
    func verdict(_ chunks: [[UInt8]]) -> RequestHeadLimits.Verdict {
        let limits = RequestHeadLimits()
        for chunk in chunks {
            let verdict = chunk.withUnsafeBytes { limits.scan($0) }
            if verdict != .within { return verdict }
        }
        return .within
    }

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    let max = RequestHeadLimits.maxLine

    @Test func ordinaryRequestsPass() {
        let request = bytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n")
        #expect(verdict([request]) == .within)
        // Many requests on one connection: each head is counted on its own.
        #expect(verdict(Array(repeating: request, count: 2000)) == .within)
        // Byte by byte, as a slow client sends it.
        #expect(verdict(request.map { [$0] }) == .within)
    }

    @Test func theRequestLineIsCappedWith414() {
        let atLimit = "GET /" + String(repeating: "a", count: max - 14) + " HTTP/1.1"
        #expect(atLimit.utf8.count == max)
        #expect(verdict([bytes(atLimit + "\r\nHost: x\r\n\r\n")]) == .within)
        let over = "GET /" + String(repeating: "a", count: max) + " HTTP/1.1\r\n\r\n"
        #expect(verdict([bytes(over)]) == .refuse(.uriTooLong))
        // Refused as soon as the limit is passed, before any line end arrives.
        #expect(verdict([bytes("GET /"), bytes(String(repeating: "a", count: max))]) == .refuse(.uriTooLong))
        // Empty lines before the request line do not make it a header line.
        #expect(verdict([bytes("\r\n\r\n" + over)]) == .refuse(.uriTooLong))
    }

    @Test func aHeaderLineIsCappedWith431() {
        let line = "X-Big: " + String(repeating: "b", count: max)
        #expect(verdict([bytes("GET / HTTP/1.1\r\n" + line + "\r\n\r\n")]) == .refuse(.headerFieldsTooLarge))
        // Cut across reads, and with bare line feeds.
        let cut = bytes("GET / HTTP/1.1\n" + line)
        #expect(verdict(stride(from: 0, to: cut.count, by: 1000).map { Array(cut[$0..<min($0 + 1000, cut.count)]) }) == .refuse(.headerFieldsTooLarge))
        // The second request on a connection is held to the same limits.
        #expect(verdict([bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n" + line)]) == .refuse(.headerFieldsTooLarge))
    }

    @Test func theWholeHeadIsCappedWith431() {
        let line = "X-Field: " + String(repeating: "c", count: 990) + "\r\n"
        let fits = "GET / HTTP/1.1\r\n" + String(repeating: line, count: 60) + "\r\n"
        #expect(verdict([bytes(fits)]) == .within)
        let over = "GET / HTTP/1.1\r\n" + String(repeating: line, count: 70) + "\r\n"
        #expect(verdict([bytes(over)]) == .refuse(.headerFieldsTooLarge))
        // A head ending resets the count: 60 lines twice is two heads within the limit.
        #expect(verdict([bytes(fits + fits)]) == .within)
    }
}

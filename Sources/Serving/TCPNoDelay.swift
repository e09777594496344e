#if canImport(Glibc)
import Glibc

/// FlyingFox writes a response's head and its body in two writes. With Nagle's algorithm on,
/// the body then waits for the client's delayed acknowledgement — 40 ms on every request of
/// a kept-alive connection, so a page with its style sheet and scripts loaded 40 ms per file
/// late. FlyingFox does not expose its sockets: the listening socket is found by its port
/// and given TCP_NODELAY, which the connections it accepts inherit on Linux.
enum TCPNoDelay {
    @discardableResult
    static func setOnListener(port: UInt16) -> Bool {
        var found = false
        for fd in Int32(0)..<4096 {
            var accepting: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else { continue }
            var address = sockaddr_storage()
            var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
            }
            guard named == 0 else { continue }
            let boundPort: UInt16 = withUnsafePointer(to: &address) { pointer in
                switch Int32(pointer.pointee.ss_family) {
                case AF_INET: return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                case AF_INET6: return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                default: return 0
                }
            }
            guard boundPort == port else { continue }
            var on: Int32 = 1
            if setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 { found = true }
        }
        return found
    }
}
#else
enum TCPNoDelay {
    @discardableResult
    static func setOnListener(port: UInt16) -> Bool { false }
}
#endif

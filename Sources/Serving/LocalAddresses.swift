#if canImport(Glibc)
import Glibc

/// This machine's interface addresses (IPv4 and IPv6, without a zone) and its host name.
enum LocalAddresses {
    static func all() -> [String] {
        var names: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        if getifaddrs(&list) == 0, let first = list {
            defer { freeifaddrs(list) }
            var entry: UnsafeMutablePointer<ifaddrs>? = first
            while let current = entry {
                if let address = current.pointee.ifa_addr {
                    let family = Int32(address.pointee.sa_family)
                    if family == AF_INET || family == AF_INET6 {
                        var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                        let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
                        if getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                            // Link-local IPv6 addresses carry a zone (`fe80::1%eth0`), which a Host header does not.
                            let name = Self.string(text)
                            names.append(String(name.prefix { $0 != "%" }))
                        }
                    }
                }
                entry = current.pointee.ifa_next
            }
        }
        var host = [CChar](repeating: 0, count: 256)
        if gethostname(&host, host.count) == 0 {
            let name = Self.string(host)
            if !name.isEmpty { names += [name, name + ".local"] }
        }
        return names
    }

    /// A C buffer's text up to its first NUL.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
#else
enum LocalAddresses {
    static func all() -> [String] { [] }
}
#endif

import Model

/// The checks that keep a briefing readable in two minutes and its judgments estimative:
/// a bottom line up front of at most `maxBLUFWords` words, every judgment with a likelihood
/// and a confidence, and no hedging words that blur the likelihood term. Findings are
/// warnings at the exact word, so `--strict` turns them into a failed build.
struct BriefingLint {
    /// The `bluf` value as written.
    var bluf: YAMLNode?
    /// Each judgment's text as written, and whether it gave the terms at all (an unknown
    /// term is already an error; it is not reported missing as well).
    var judgmentTexts: [(text: YAMLNode, gaveLikelihood: Bool, gaveConfidence: Bool)] = []

    static let maxBLUFWords = 80
    /// Words that hedge where the likelihood term should speak.
    static let vagueWords: Set<String> = ["may", "might", "could", "possibly", "perhaps", "maybe", "conceivably"]

    func check(_ meta: DocumentMeta, reader: inout YAMLReader) {
        if let bluf, let text = meta.bluf {
            let words = Self.words(in: text).count
            if words > Self.maxBLUFWords {
                reader.diagnostics.append(.warning(
                    .blufTooLong, "the bottom line up front has \(words) words; keep it to \(Self.maxBLUFWords) or fewer",
                    at: reader.location(of: bluf)))
            }
        } else {
            reader.diagnostics.append(.warning(
                .blufMissing, "briefing has no 'bluf' (bottom line up front): state the conclusion in 2–4 sentences",
                at: reader.location(line: 0, column: 1)))
        }
        for (judgment, written) in zip(meta.judgments, judgmentTexts) {
            let node = written.text
            let missing = [
                judgment.likelihood == nil && !written.gaveLikelihood ? "likelihood" : nil,
                judgment.confidence == nil && !written.gaveConfidence ? "confidence" : nil,
            ].compactMap { $0 }
            if !missing.isEmpty {
                reader.diagnostics.append(.warning(
                    .judgmentIncomplete,
                    "judgment has no \(missing.joined(separator: " or ")); give a likelihood (\(Likelihood.allCases.map(\.term).joined(separator: ", "))) and a confidence (low, moderate, high)",
                    at: judgment.location))
            }
            for vague in Self.vagueWords(in: judgment.text) {
                reader.diagnostics.append(.warning(
                    .judgmentVague,
                    "'\(vague.word)' hedges the judgment; let its likelihood term carry the uncertainty",
                    at: Self.location(ofWord: vague.word, occurrence: vague.occurrence, from: node, reader: reader)))
            }
        }
    }

    /// Words of a text: runs of letters, digits and apostrophes.
    static func words(in text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }
    }

    /// Vague words in a judgment, each with how many times the same word (in any case) came
    /// before it, so its place in the raw YAML can be found. "May" before or after a number
    /// is the month.
    static func vagueWords(in text: String) -> [(word: String, occurrence: Int)] {
        let words = words(in: text)
        var seen: [String: Int] = [:]
        var found: [(String, Int)] = []
        for (i, word) in words.enumerated() {
            let lower = word.lowercased()
            guard vagueWords.contains(lower) else { continue }
            let occurrence = seen[lower, default: 0]
            seen[lower] = occurrence + 1
            if word == "May" {
                let nextIsNumber = i + 1 < words.count && words[i + 1].first?.isNumber == true
                let previousIsNumber = i > 0 && words[i - 1].first?.isNumber == true
                if nextIsNumber || previousIsNumber { continue }
            }
            found.append((lower, occurrence))
        }
        return found
    }

    /// The `occurrence`-th whole-word, case-insensitive appearance of an ASCII word in the
    /// source after a node's start: the YAML text holds the value's words in order.
    static func location(ofWord word: String, occurrence: Int, from node: YAMLNode, reader: YAMLReader) -> SourceLocation {
        let start = reader.location(of: node)
        let source = reader.source
        guard start.line >= 1, start.line <= source.lines.count else { return start }
        let bytes = source.bytes
        let needle = Array(word.utf8)
        var i = source.lines[start.line - 1].lowerBound + start.column - 1
        var remaining = occurrence
        func isWordByte(_ b: UInt8) -> Bool {
            b >= 0x80 || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
        }
        while i + needle.count <= bytes.count {
            var matches = true
            for (k, c) in needle.enumerated() where bytes[i + k] | 0x20 != c {
                matches = false
                break
            }
            if matches, i == 0 || !isWordByte(bytes[i - 1]), i + needle.count == bytes.count || !isWordByte(bytes[i + needle.count]) {
                if remaining == 0 { return source.location(ofOffset: i) }
                remaining -= 1
            }
            i += 1
        }
        return start
    }
}

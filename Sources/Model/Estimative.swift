/// The estimative-language scale of ICD 203 (US Intelligence Community Directive 203,
/// "Analytic Standards"): seven likelihood terms, each with its accepted synonyms and the
/// probability range it stands for. Briefings use exactly these words so a reader can
/// compare judgments across documents.
package enum Likelihood: Int, CaseIterable, Hashable, Sendable, Comparable {
    case almostNoChance = 1, veryUnlikely, unlikely, roughlyEvenChance, likely, veryLikely, almostCertain

    /// The term as the scale writes it.
    package var term: String {
        switch self {
        case .almostNoChance: "almost no chance"
        case .veryUnlikely: "very unlikely"
        case .unlikely: "unlikely"
        case .roughlyEvenChance: "roughly even chance"
        case .likely: "likely"
        case .veryLikely: "very likely"
        case .almostCertain: "almost certain"
        }
    }

    /// The synonyms ICD 203 lists beside each term.
    package var synonyms: [String] {
        switch self {
        case .almostNoChance: ["remote"]
        case .veryUnlikely: ["highly improbable"]
        case .unlikely: ["improbable", "improbably"]
        case .roughlyEvenChance: ["roughly even odds"]
        case .likely: ["probable", "probably"]
        case .veryLikely: ["highly probable"]
        case .almostCertain: ["almost certainly", "nearly certain"]
        }
    }

    /// The probability range, in percent.
    package var percent: ClosedRange<Int> {
        switch self {
        case .almostNoChance: 1...5
        case .veryUnlikely: 5...20
        case .unlikely: 20...45
        case .roughlyEvenChance: 45...55
        case .likely: 55...80
        case .veryLikely: 80...95
        case .almostCertain: 95...99
        }
    }

    /// Reads a term or synonym; case, hyphens and runs of spaces do not matter.
    package init?(term text: String) {
        let key = Estimative.normalise(text)
        guard let match = Self.allCases.first(where: { $0.term == key || $0.synonyms.contains(key) }) else { return nil }
        self = match
    }

    /// Every accepted spelling, for diagnostics.
    package static var acceptedTerms: [String] { allCases.flatMap { [$0.term] + $0.synonyms } }

    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The analyst's confidence in the sources and reasoning behind a judgment: a separate
/// statement from its likelihood.
package enum Confidence: Int, CaseIterable, Hashable, Sendable {
    case low = 1, moderate, high

    package var term: String {
        switch self {
        case .low: "low"
        case .moderate: "moderate"
        case .high: "high"
        }
    }

    /// What each level says about the evidence, for the estimative-language key.
    package var meaning: String {
        switch self {
        case .low: "the information is scant, questionable or fragmented, or its sources are of doubtful reliability"
        case .moderate: "the information is credibly sourced and plausible, but not corroborated enough for a higher level"
        case .high: "the judgment rests on high-quality information from several sources, or the matter lends itself to a solid judgment"
        }
    }

    package init?(term text: String) {
        switch Estimative.normalise(text) {
        case "low": self = .low
        case "moderate", "medium": self = .moderate
        case "high": self = .high
        default: return nil
        }
    }

    package static var acceptedTerms: [String] { allCases.map(\.term) + ["medium"] }
}

enum Estimative {
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }
}

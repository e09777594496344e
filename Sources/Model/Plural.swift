/// A count and its noun, in the singular for one: "1 document", "2 documents".
package enum Plural {
    package static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}

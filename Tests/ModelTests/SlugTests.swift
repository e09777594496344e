@testable import Model
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("  2022: the year of drones ", "2022-the-year-of-drones"),
        ("snake_case and CamelCase", "snake-case-and-camelcase"),
        ("Таджикистан и Иран", "таджикистан-и-иран"),
        ("روابط ایران", "روابط-ایران"),
        ("Émile Đorđević", "émile-đorđević"),
        ("---", ""),
    ])
    func slugs(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
    }

    /// The ASCII fast path must agree with the general one on every ASCII string.
    @Test func asciiFastPathAgreesWithTheUnicodePath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" -_.,:;!?'\"()[]{}#&/\\|@0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\t")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(Slug.asciiSlug(text) == Slug.unicodeSlug(text), "\(text)")
        }
        #expect(Slug.asciiSlug("é") == nil)
    }
}

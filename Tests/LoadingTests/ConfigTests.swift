import Loading
import Model
import Testing
import TestSupport

@Suite struct ConfigTests {
    @Test func readsEveryKey() {
        let yaml = """
        title: Site
        baseURL: https://example.org/
        language: fa
        direction: rtl
        description: About
        unsafe_html: true
        paginate: 10
        max_file_size: 1000
        drafts: yes
        pretty_urls: true
        """
        let (config, diagnostics) = ConfigLoader.parse(Array(yaml.utf8), path: "dossier.yml")
        #expect(diagnostics.isEmpty)
        #expect(config.title == "Site")
        #expect(config.baseURL == "https://example.org/")
        #expect(config.language == "fa")
        #expect(config.direction == "rtl")
        #expect(config.unsafeHTML)
        #expect(config.paginate == 10)
        #expect(config.maxFileSize == 1000)
        #expect(config.drafts)
        #expect(config.prettyURLs)
    }

    @Test func problemsAreReportedAtTheirLine() {
        let yaml = "title: Site\ntitel: Typo\ndirection: sideways\npaginate: 0\nautolink: often\n"
        let (_, diagnostics) = ConfigLoader.parse(Array(yaml.utf8), path: "dossier.yml")
        #expect(diagnostics.summaries == ["unknown-key@2:1", "invalid-setting@3:12", "invalid-setting@4:11", "invalid-setting@5:11"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func noSettingsMeansDefaults() {
        let (config, diagnostics) = ConfigLoader.parse([], path: "dossier.yml")
        #expect(diagnostics.isEmpty)
        #expect(config == SiteConfig())
    }
}

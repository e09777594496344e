import Model

/// The pages that read each input: the declarations of `Page.inputs` inverted, so that a
/// set of changed inputs gives the pages to render again. Kept from one rebuild to the next
/// and updated for the pages that changed: a page none of whose inputs changed declares the
/// same inputs again (declarations read only what they declare).
package struct DependencyIndex: Sendable {
    private var readers: [PageInput: Set<Page>] = [:]
    private var declared: [Page: [PageInput]] = [:]

    package init(site: Site, pages: [Page]) {
        update(site: site, removed: [], added: pages, redeclare: [])
    }

    /// Brings the index to `site`: `removed` pages are dropped, `added` ones declare their
    /// inputs, and those in `redeclare` declare them again.
    package mutating func update(site: Site, removed: some Sequence<Page>, added: some Sequence<Page>, redeclare: Set<Page>) {
        for page in removed { forget(page) }
        for page in redeclare where declared[page] != nil {
            // Most pages read the same inputs as before (a count changed, not which counts):
            // then the index stays as it is.
            let inputs = Self.declaration(of: page, in: site)
            if inputs != declared[page] {
                forget(page)
                declare(page, inputs)
            }
        }
        for page in added where declared[page] == nil { declare(page, Self.declaration(of: page, in: site)) }
    }

    /// A page's inputs, each once, in a stable order (so that two declarations compare).
    private static func declaration(of page: Page, in site: Site) -> [PageInput] {
        var seen = Set<PageInput>()
        return page.inputs(in: site).filter { seen.insert($0).inserted }
    }

    private mutating func declare(_ page: Page, _ inputs: [PageInput]) {
        declared[page] = inputs
        for input in inputs { readers[input, default: []].insert(page) }
    }

    private mutating func forget(_ page: Page) {
        for input in declared.removeValue(forKey: page) ?? [] {
            readers[input]?.remove(page)
            if readers[input]?.isEmpty == true { readers[input] = nil }
        }
    }

    /// The pages that read any of `inputs`.
    package func readers(of inputs: some Sequence<PageInput>) -> Set<Page> {
        var pages = Set<Page>()
        for input in inputs { if let found = readers[input] { pages.formUnion(found) } }
        return pages
    }
}

import Model

/// The pages that read each input: the declarations of `Page.inputs` inverted, so that a
/// set of changed inputs gives the pages to render again. Kept from one rebuild to the next
/// and updated for the pages that changed: a page none of whose inputs changed declares the
/// same inputs again (declarations read only what they declare).
public struct DependencyIndex: Sendable {
    private var readers: [PageInput: Set<Page>] = [:]
    private var declared: [Page: [PageInput]] = [:]

    public init(site: Site, pages: [Page]) {
        update(site: site, pages: pages, redeclare: [])
    }

    /// Brings the index to `site`, whose pages are `pages`: pages gone are dropped, and
    /// pages new or in `redeclare` declare their inputs again.
    public mutating func update(site: Site, pages: [Page], redeclare: Set<Page>) {
        let current = Set(pages)
        for page in declared.keys where !current.contains(page) || redeclare.contains(page) { forget(page) }
        for page in pages where declared[page] == nil {
            let inputs = Array(Set(page.inputs(in: site)))
            declared[page] = inputs
            for input in inputs { readers[input, default: []].insert(page) }
        }
    }

    private mutating func forget(_ page: Page) {
        for input in declared.removeValue(forKey: page) ?? [] {
            readers[input]?.remove(page)
            if readers[input]?.isEmpty == true { readers[input] = nil }
        }
    }

    /// The pages that read any of `inputs`.
    public func readers(of inputs: some Sequence<PageInput>) -> Set<Page> {
        var pages = Set<Page>()
        for input in inputs { if let found = readers[input] { pages.formUnion(found) } }
        return pages
    }

    /// How many distinct inputs the pages declare, and how many declarations in all.
    public var size: (inputs: Int, declarations: Int) { (readers.count, declared.values.reduce(0) { $0 + $1.count }) }
}

import Model

/// The pages that read each input: the declarations of `Page.inputs` inverted, so that a
/// set of changed inputs gives the pages to render again.
public struct DependencyIndex: Sendable {
    private(set) var readers: [PageInput: [Page]] = [:]
    let pages: [Page]

    public init(site: Site, pages: [Page]) {
        self.pages = pages
        for page in pages {
            for input in Set(page.inputs(in: site)) { readers[input, default: []].append(page) }
        }
    }

    /// The pages whose inputs differ between `old` and `new` (the site this index was made
    /// from), both built from the same files and entities (`InputChanges.comparable`), and
    /// the pages `old` did not have.
    public func pages(changedFrom old: Site, to new: Site) -> Set<Page> {
        let changes = InputChanges(old: old, new: new)
        var dirty = Set<Page>()
        for (input, readers) in readers where changes.differs(input) { dirty.formUnion(readers) }
        let existed = Set(Page.inventory(of: old))
        dirty.formUnion(pages.filter { !existed.contains($0) })
        return dirty
    }

    /// How many distinct inputs the pages declare (for reports and tests).
    public var inputCount: Int { readers.count }
}

import Model

/// The pages that read each input: the declarations of `Page.inputs` inverted, so that a
/// set of changed inputs gives the pages to render again. Kept from one rebuild to the next
/// and updated for the pages that changed: a page none of whose inputs changed declares the
/// same inputs again (declarations read only what they declare).
package struct DependencyIndex: Sendable, Equatable {
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
            if let old = declared[page], inputs != old { move(page, from: old, to: inputs) }
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

    /// A page that reads much the same inputs as before (the home page, when one ranking
    /// shifts) is moved only between the readers of inputs it gained or lost.
    private mutating func move(_ page: Page, from old: [PageInput], to new: [PageInput]) {
        declared[page] = new
        let before = Set(old), after = Set(new)
        for input in old where !after.contains(input) {
            readers[input]?.remove(page)
            if readers[input]?.isEmpty == true { readers[input] = nil }
        }
        for input in new where !before.contains(input) { readers[input, default: []].insert(page) }
    }

    private mutating func forget(_ page: Page) {
        for input in declared.removeValue(forKey: page) ?? [] {
            readers[input]?.remove(page)
            if readers[input]?.isEmpty == true { readers[input] = nil }
        }
    }

    /// The same pages reading the same inputs (the order a page lists them in aside).
    package static func == (a: Self, b: Self) -> Bool {
        a.readers == b.readers && a.declared.count == b.declared.count && a.declared.keys.allSatisfy { b.declared[$0] != nil }
    }

    /// Pages whose inputs differ between two indexes, for a failed check to name.
    package func pagesDeclaredDifferently(from other: DependencyIndex) -> [String] {
        var pages: [String] = []
        for (page, inputs) in declared {
            let theirs = Set(other.declared[page] ?? []), mine = Set(inputs)
            guard mine != theirs || other.declared[page] == nil else { continue }
            pages.append("\(page): only here \(Array(mine.subtracting(theirs).prefix(3))), only there \(Array(theirs.subtracting(mine).prefix(3)))")
        }
        for page in other.declared.keys where declared[page] == nil { pages.append("\(page): missing here") }
        return pages
    }

    /// The pages of `pages` that read any of `changes`, asked once, without an index: each
    /// page's declaration is read on all cores and checked, with no inverted index built (a
    /// second `dossier build` needs the answer once; building the index for it took 0.5 s
    /// at 10,000 articles, most of it inserting into sets).
    package static func readers(of changes: Set<PageInput>, among pages: [Page], in site: Site) -> Set<Page> {
        guard !changes.isEmpty else { return [] }
        let reads = pages.parallelMap { page in page.inputs(in: site).contains(where: changes.contains) }
        return Set(zip(pages, reads).filter(\.1).map(\.0))
    }

    /// The pages that read any of `inputs`.
    package func readers(of inputs: some Sequence<PageInput>) -> Set<Page> {
        var pages = Set<Page>()
        for input in inputs { if let found = readers[input] { pages.formUnion(found) } }
        return pages
    }
}

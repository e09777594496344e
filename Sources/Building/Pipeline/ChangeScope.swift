import Model
import Rendering

/// Which pages a change can affect. Settings, templates, or the set of files and entities
/// changing affect every page. Otherwise the pages affected are the readers of the inputs
/// that differ (`InputChanges`), as the pages declare them (`Page.inputs`, beside each view,
/// inverted in a `DependencyIndex`), and the pages that are new.
enum ChangeScope {
    case everything
    case pages(Set<Page>)

    /// Bringing a dependency index from the old site's pages to the new site's: the pages
    /// that went, those that came and those whose inputs changed, which declare again.
    struct IndexUpdate: Sendable {
        let site: Site, pages: [Page]
        let removed: [Page], added: [Page], redeclare: Set<Page>

        func apply(to index: inout DependencyIndex) {
            index.update(site: site, removed: removed, added: added, redeclare: redeclare)
            // The invariant the update relies on: a page none of whose inputs changed declares
            // the same inputs again. Checked against a fresh index in debug builds (the tests').
            assert(index == DependencyIndex(site: site, pages: pages),
                   "the updated dependency index differs from a fresh one: \(index.pagesDeclaredDifferently(from: DependencyIndex(site: site, pages: pages)).prefix(5))")
        }
    }

    /// `index` holds the declarations of `old`'s pages (made here when nil) and is brought to
    /// `new`'s; it is left nil when everything changed. Without `keepingIndex` (a build that
    /// asks once) no index is made: the old pages' declarations are checked directly.
    /// `files`: the only files whose parse may differ, when known.
    static func between(
        old: Site, _ oldTemplates: TemplateSet, oldPages: [Page], new: Site, _ newTemplates: TemplateSet, pages: [Page],
        files: [Int]?, relinked: Bool = false, keepingIndex: Bool = true, index: inout DependencyIndex?
    ) -> ChangeScope {
        var update: IndexUpdate?
        let scope = between(old: old, oldTemplates, oldPages: oldPages, new: new, newTemplates, pages: pages, files: files,
                            relinked: relinked, keepingIndex: keepingIndex, index: &index, deferring: &update)
        if let update, var updated = index.take() {
            update.apply(to: &updated)
            index = updated
        }
        return scope
    }

    /// The same, with the index left as it was and the update to bring it to `new` handed
    /// back in `deferring`, to be applied before the index is read again: the preview server
    /// serves the edit first (redeclaring the changed pages' inputs took a fifth of a rebuild).
    static func between(
        old: Site, _ oldTemplates: TemplateSet, oldPages: [Page], new: Site, _ newTemplates: TemplateSet, pages: [Page],
        files: [Int]?, relinked: Bool = false, keepingIndex: Bool = true, index: inout DependencyIndex?,
        deferring update: inout IndexUpdate?
    ) -> ChangeScope {
        update = nil
        // A relinked site has the previous one's files and entities (checked in debug builds):
        // the check's pass over 13,000 paths is skipped.
        assert(!relinked || InputChanges.comparable(old, new))
        guard oldTemplates.sources == newTemplates.sources, relinked || InputChanges.comparable(old, new) else {
            index = nil
            return .everything
        }
        let changes = InputChanges.between(old, new, files: files)
        if index == nil, changes == [.disk], oldPages == pages {
            // Nothing changed (a second `dossier build`): only single files that read their
            // images from disk are made again, and no index is needed to find them.
            return .pages(Set(pages.filter { page in
                if case .briefingFile = page { return page.inputs(in: new).contains(.disk) }
                return false
            }))
        }
        var added: [Page] = [], removed: [Page] = []
        if oldPages != pages {
            let existed = Set(oldPages), current = Set(pages)
            added = pages.filter { !existed.contains($0) }
            removed = oldPages.filter { !current.contains($0) }
        }
        guard keepingIndex || index != nil else {
            var dirty = DependencyIndex.readers(of: changes, among: oldPages, in: old)
            dirty.formUnion(added)
            dirty.subtract(removed)
            return .pages(dirty)
        }
        let dependencies = index ?? DependencyIndex(site: old, pages: oldPages)
        var dirty = dependencies.readers(of: changes)
        dirty.formUnion(added)
        dirty.subtract(removed)
        update = IndexUpdate(site: new, pages: pages, removed: removed, added: added, redeclare: dirty)
        index = dependencies
        return .pages(dirty)
    }
}
